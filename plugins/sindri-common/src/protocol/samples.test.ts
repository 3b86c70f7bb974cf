import { metricsSchema, processFieldsSchema, processSchema } from './samples';

const sampleWith = (process: unknown) => ({
  id: '4b0f5a3e-2f0c-4a53-9b1f-0d7f2f2b6c11',
  at: '2026-11-23T10:00:00.000Z',
  processes: { count: 2, topByCpu: [], topByMemory: [process] },
});

const good = { pid: 1, name: 'node', cpuPercent: 0, memoryBytes: 0 };

describe('a metrics sample’s processes', () => {
  it.each([
    ['the least of each bound', good],
    [
      'a name of 256 characters that is longer in UTF-16 units',
      { ...good, name: '😀'.repeat(256) },
    ],
    [
      'the most of each bound',
      {
        pid: Number.MAX_SAFE_INTEGER,
        name: 'n'.repeat(256),
        cpuPercent: 800.5,
        memoryBytes: Number.MAX_SAFE_INTEGER,
      },
    ],
  ])('takes %s, as the field checks do', (_, process) => {
    expect(processFieldsSchema.safeParse(process).success).toBe(true);
    expect(metricsSchema.parse(sampleWith(process)).processes).toEqual({
      count: 2,
      topByCpu: [],
      topByMemory: [process],
    });
  });

  it.each([
    { ...good, pid: -1 },
    { ...good, pid: 1.5 },
    { ...good, pid: Number.MAX_SAFE_INTEGER + 1 },
    { ...good, name: '' },
    { ...good, name: 'n'.repeat(257) },
    { ...good, cpuPercent: -0.1 },
    { ...good, memoryBytes: -1 },
    { ...good, memoryBytes: 0.5 },
    { ...good, memoryBytes: 2 ** 60 },
    { ...good, pid: '1' },
    { ...good, name: 7 },
    { pid: 1, name: 'node', cpuPercent: 0 },
    { ...good, pid: -1, name: '', memoryBytes: 0.5 },
  ])('refuses %j naming each field as the field checks do', process => {
    const expected = processFieldsSchema.safeParse(process);
    const judged = metricsSchema.safeParse(sampleWith(process));
    expect(expected.success).toBe(false);
    expect(judged.success).toBe(false);
    expect(
      judged.error!.issues.map(i => [i.path.join('.'), i.message]),
    ).toEqual(
      expected.error!.issues.map(i => [
        ['processes', 'topByMemory', 0, ...i.path].join('.'),
        i.message,
      ]),
    );
  });

  it('refuses a process with a field of the wrong type for that first, before its bounds', () => {
    const judged = metricsSchema.safeParse(
      sampleWith({ ...good, pid: -1, name: 7 }),
    );
    expect(judged.error!.issues.map(i => i.path.join('.'))).toEqual([
      'processes.topByMemory.0.name',
    ]);
  });

  it('has the fields of the field-checked schema, no more and no fewer', () => {
    expect(Object.keys(processSchema.shape)).toEqual(
      Object.keys(processFieldsSchema.shape),
    );
  });

  it('strips what a process carries beyond its fields', () => {
    const parsed = metricsSchema.parse(sampleWith({ ...good, secret: 'x' }));
    expect(parsed.processes!.topByMemory[0]).toEqual(good);
  });
});
