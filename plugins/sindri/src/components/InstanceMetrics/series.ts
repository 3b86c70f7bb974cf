import { MetricsSample } from '@internal/plugin-sindri-common';
import { diskPercent, memoryPercent } from '../common/usage';

export interface ChartPoint {
  t: number;
  [key: string]: number | undefined;
}

/** Chart rows from samples; a value a sample lacks stays a gap, never a zero. */
export function toChartPoints(samples: MetricsSample[]): ChartPoint[] {
  return samples.map((s, i) => {
    const previous = samples[i - 1];
    const t = Date.parse(s.at);
    const point: ChartPoint = {
      t,
      cpu: s.cpu?.percent,
      memory: memoryPercent(s),
      swapBytes: s.swap?.usedBytes,
      disk: diskPercent(s),
      load1: s.load?.one,
    };
    // network counters are cumulative: the rate is the difference over time
    if (previous?.network && s.network) {
      const seconds = (t - Date.parse(previous.at)) / 1000;
      const rx = s.network.rxBytes - previous.network.rxBytes;
      const tx = s.network.txBytes - previous.network.txBytes;
      if (seconds > 0 && rx >= 0 && tx >= 0) {
        point.rxPerSecond = rx / seconds;
        point.txPerSecond = tx / seconds;
      }
    }
    return point;
  });
}
