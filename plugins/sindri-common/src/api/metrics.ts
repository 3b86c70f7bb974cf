import type { operations } from '../schema/openapi.generated';
import { z } from 'zod';

/** The resolutions samples are kept at: raw, and 5-minute and hourly averages. */
export const METRICS_RESOLUTIONS = ['raw', '5m', '1h'] as const;
export type MetricsResolution = (typeof METRICS_RESOLUTIONS)[number];

/** The ranges the metrics charts offer, each with the resolution it is read at by default. */
export const METRICS_RANGES = {
  '1h': { ms: 3_600_000, resolution: 'raw' },
  '24h': { ms: 86_400_000, resolution: '5m' },
  '7d': { ms: 7 * 86_400_000, resolution: '1h' },
} as const satisfies Record<
  string,
  { ms: number; resolution: MetricsResolution }
>;
export type MetricsRange = keyof typeof METRICS_RANGES;

/** `GET /instances/{name}/metrics` query. */
export const metricsQuerySchema = z.object({
  range: z
    .enum(Object.keys(METRICS_RANGES) as [MetricsRange, ...MetricsRange[]])
    .default('1h'),
  resolution: z.enum(METRICS_RESOLUTIONS).optional(),
});

/** `GET /instances/{name}/metrics`: samples of one range, oldest first. */
export type MetricsSeries =
  operations['getInstanceMetrics']['responses'][200]['content']['application/json'];
