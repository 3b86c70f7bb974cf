import {
  agentFrameSchema,
  describeZodError,
  frameId,
  ingestRequestSchema,
  rawFrameId,
} from './frames';

const id = '4b0f5a3e-2f0c-4a53-9b1f-0d7f2f2b6c11';
const at = '2026-11-23T10:00:00.000Z';

const validRegistration = {
  instanceId: 'i-0abc',
  name: 'demo-1',
  provider: 'local',
  hostname: 'demo-host',
  os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
  agentVersion: '0.1.0',
  bootTime: at,
  heartbeatIntervalSeconds: 10,
  extensions: [{ name: 'nodejs', version: '1.0.0' }],
};

/** The error of the first frame (as HTTP ingest judges each frame alone), or of the batch itself. */
const errorOf = (value: unknown) => {
  const batch = ingestRequestSchema.safeParse(value);
  if (!batch.success) return describeZodError(batch.error);
  const index = batch.data.frames.findIndex(
    f => !agentFrameSchema.safeParse(f).success,
  );
  if (index < 0) throw new Error('expected the value to be rejected');
  return describeZodError(
    agentFrameSchema.safeParse(batch.data.frames[index]).error!,
    `frames.${index}`,
  );
};

describe('agent frames', () => {
  it('accepts each frame type and names its ack id', () => {
    const frames = [
      { type: 'register', registration: validRegistration },
      {
        type: 'heartbeat',
        heartbeat: { id, at, uptimeSeconds: 12.5, load: [0.1, 0.2, 0.3] },
      },
      { type: 'metrics', metrics: { id, at, cpu: { percent: 12 } } },
      { type: 'event', event: { id, at, type: 'started' } },
    ];
    expect(frames.map(f => frameId(agentFrameSchema.parse(f)))).toEqual([
      'register:i-0abc',
      id,
      id,
      id,
    ]);
  });

  it('names the field of the first error', () => {
    expect(
      errorOf({
        frames: [
          { type: 'metrics', metrics: { id, at, cpu: { percent: 140 } } },
        ],
      }),
    ).toMatch(/^frames\.0\.metrics\.cpu\.percent: /);
    expect(
      errorOf({
        frames: [
          {
            type: 'heartbeat',
            heartbeat: { id: 'not-a-uuid', at, uptimeSeconds: 1 },
          },
        ],
      }),
    ).toMatch(/^frames\.0\.heartbeat\.id: /);
    expect(
      errorOf({
        frames: [
          {
            type: 'register',
            registration: { ...validRegistration, name: 'Demo_1' },
          },
        ],
      }),
    ).toMatch(/^frames\.0\.registration\.name: must be 1-63 lower-case/);
    expect(errorOf({ frames: [{ type: 'teleport' }] })).toMatch(
      /^frames\.0\.type: /,
    );
    expect(errorOf({ frames: [] })).toMatch(/^frames: /);
    expect(errorOf('nope')).toMatch(/^\(root\): /);
  });

  it('finds the id of a frame too invalid to parse, so a refusal can name it', () => {
    expect(
      rawFrameId({ type: 'metrics', metrics: { id, cpu: { percent: 140 } } }),
    ).toBe(id);
    expect(
      rawFrameId({ type: 'register', registration: { instanceId: 'i-1' } }),
    ).toBe('register:i-1');
    expect(
      rawFrameId({ type: 'heartbeat', heartbeat: { id: 42 } }),
    ).toBeUndefined();
    expect(rawFrameId({ type: 'constructor' })).toBeUndefined();
    expect(rawFrameId(null)).toBeUndefined();
    expect(rawFrameId('x')).toBeUndefined();
  });

  it('rejects an event with more data keys than allowed', () => {
    const data = Object.fromEntries(
      Array.from({ length: 33 }, (_, i) => [`k${i}`, i]),
    );
    expect(
      errorOf({
        frames: [{ type: 'event', event: { id, at, type: 'deploy', data } }],
      }),
    ).toMatch(/^frames\.0\.event\.data: must have at most 32 keys/);
  });
});
