import { idleVerdict } from './idleVerdict';
import { rightSizing } from './rightSizing';

const NOW = new Date('2026-12-20T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const settings = { days: 3, cpuPercent: 5, networkBytesPerSecond: 16 * 1024 };

describe('idleVerdict', () => {
  const quiet = {
    status: 'running' as const,
    registeredAt: ago(10),
    lastTerminal: { at: ago(5), by: 'user:default/alice' },
    lastCommand: { at: ago(4), by: 'user:default/bob' },
    cpu: { p95: 1.2, samples: 864, lastAbove: ago(6) },
    lastNetwork: { at: ago(1), bytesPerSecond: 40_000 },
    savingPerDay: 2.4,
  };

  it('flags a running instance without a terminal session or command in the window and a low CPU p95, with its cost and each last activity', () => {
    const idle = idleVerdict(quiet, settings, NOW);
    expect(idle.verdict).toBe('idle');
    expect(idle.idleSince).toBe(ago(4).toISOString());
    expect(idle.costPerDay).toBe(2.4);
    expect(idle.costSoFar).toBeCloseTo(9.6, 2);
    expect(idle.activity.map(a => [a.kind, a.lastAt, a.withinWindow])).toEqual([
      ['terminal', ago(5).toISOString(), false],
      ['command', ago(4).toISOString(), false],
      ['cpu', ago(6).toISOString(), false],
      // network is told, not judged: traffic alone does not make an instance used
      ['network', ago(1).toISOString(), true],
    ]);
    expect(idle.activity[0].detail).toBe(
      'a terminal session of user:default/alice',
    );
  });

  it('says why an instance is not idle', () => {
    expect(
      idleVerdict(
        { ...quiet, lastCommand: { at: ago(1), by: 'user:default/bob' } },
        settings,
        NOW,
      ),
    ).toMatchObject({
      verdict: 'active',
      reasons: [`a command on ${ago(1).toISOString()}`],
    });
    expect(
      idleVerdict({ ...quiet, cpu: { ...quiet.cpu, p95: 40 } }, settings, NOW)
        .reasons,
    ).toEqual(['CPU p95 40 % is not under 5 %']);
    // no samples: not judged idle
    expect(
      idleVerdict({ ...quiet, cpu: { samples: 0 } }, settings, NOW).verdict,
    ).toBe('active');
    expect(
      idleVerdict({ ...quiet, registeredAt: ago(1) }, settings, NOW).verdict,
    ).toBe('too-new');
    expect(
      idleVerdict({ ...quiet, status: 'stopped' }, settings, NOW).verdict,
    ).toBe('not-running');
  });
});

describe('rightSizing', () => {
  const allocated = { provider: 'docker', cpus: 8, memoryGb: 16 };
  const hourly = (days: number, cpu: number, memoryGb: number) =>
    Array.from({ length: days * 24 }, (_, i) => ({
      at: new Date(NOW.getTime() - (i + 1) * 3_600_000),
      cpuPercent: cpu,
      memoryUsedBytes: memoryGb * 1e9,
    }));
  const perHour = (r: { cpus?: number; memoryGb?: number }) =>
    (r.cpus ?? 0) * 0.05 + (r.memoryGb ?? 0) * 0.01;
  const sizing = { minDays: 7, headroomPercent: 30 };

  it('recommends nothing before it has the days of data it needs', () => {
    const r = rightSizing(
      allocated,
      hourly(3, 10, 2),
      sizing,
      NOW,
      perHour,
      72,
    );
    expect(r.verdict).toBe('insufficient-data');
    expect(r.recommendation).toBeUndefined();
    expect(r.message).toMatch(/^3 days of hourly samples; 7 are needed/);
  });

  it('recommends the size p95 use and headroom fit in, with its saving over the hours it ran', () => {
    // 10 % of 8 CPUs = 0.8 → 1.04 with headroom → 2; 2 GB → 2.6 → 4 GB
    const r = rightSizing(
      allocated,
      hourly(8, 10, 2),
      sizing,
      NOW,
      perHour,
      200,
    );
    expect(r.verdict).toBe('oversized');
    expect(r.data).toMatchObject({
      samples: 192,
      cpuP95Percent: 10,
      memoryP95Gb: 2,
      allocated: { cpus: 8, memoryGb: 16 },
    });
    expect(r.recommendation).toEqual({
      cpus: 2,
      memoryGb: 4,
      perHourNow: 0.56,
      perHourRecommended: 0.14,
      savingPer30Days: 84,
      runningHoursLast30Days: 200,
    });
  });

  it('keeps a size that its p95 use needs', () => {
    const r = rightSizing(
      allocated,
      hourly(8, 90, 14),
      sizing,
      NOW,
      perHour,
      200,
    );
    expect(r.verdict).toBe('fits');
  });
});
