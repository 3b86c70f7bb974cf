import { z } from 'zod';
import { sampleIdSchema } from './samples';

/** Bounds on what one log batch may carry. */
export const LOG_LIMITS = {
  maxLinesPerBatch: 500,
  /** longer lines are cut by the agent, and say so */
  maxLineBytes: 4096,
  maxSourceLength: 256,
} as const;

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const logLineSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  /** where the line was read: a file's path, or `journald:<unit>` */
  source: z.string().min(1).max(LOG_LIMITS.maxSourceLength),
  text: z.string().max(LOG_LIMITS.maxLineBytes),
  /** when the line says so itself */
  level: z.enum(LOG_LEVELS).optional(),
});

export type LogLine = z.infer<typeof logLineSchema>;

/**
 * Lines an agent read from the instance's logs, masked for secrets, sent as
 * one frame and stored once by its id. `dropped` counts lines the agent had
 * to drop (its buffer full while disconnected) since its previous batch.
 */
export const logBatchSchema = z.object({
  id: sampleIdSchema,
  lines: z.array(logLineSchema).min(1).max(LOG_LIMITS.maxLinesPerBatch),
  dropped: z.number().int().nonnegative().optional(),
});

export type LogBatch = z.infer<typeof logBatchSchema>;
