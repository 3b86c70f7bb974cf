import { sample } from '../../__testUtils__/fixtures';
import { toChartPoints } from './series';

describe('toChartPoints', () => {
  it('derives network rates from counters and leaves gaps where a value is missing', () => {
    const points = toChartPoints([
      sample('2026-11-23T10:00:00Z', {
        network: { rxBytes: 1000, txBytes: 0 },
      }),
      sample('2026-11-23T10:00:10Z', {
        network: { rxBytes: 6000, txBytes: 100 },
        cpu: undefined,
      }),
      // counters reset (agent host rebooted): no rate rather than a negative one
      sample('2026-11-23T10:00:20Z', { network: { rxBytes: 10, txBytes: 10 } }),
    ]);

    expect(points[0].rxPerSecond).toBeUndefined();
    expect(points[1]).toMatchObject({
      rxPerSecond: 500,
      txPerSecond: 10,
      cpu: undefined,
      memory: 25,
      disk: 25,
    });
    expect(points[2].rxPerSecond).toBeUndefined();
  });
});
