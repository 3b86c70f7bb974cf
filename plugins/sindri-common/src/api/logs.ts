import type { components } from '../schema/openapi.generated';
import { z } from 'zod';
import { LOG_LEVELS } from '../protocol/logs';
import { instanceNameSchema } from '../protocol/registration';

/** A stored log line and a page of them (`GET /logs`, `GET /instances/{name}/logs`). */
export type StoredLogLine = components['schemas']['LogLine'];
export type LogPage = components['schemas']['LogPage'];

const split = (text: string) => text.split(',').filter(Boolean);

const logsQueryFields = z.object({
  q: z.string().max(256).optional(),
  instance: instanceNameSchema.optional(),
  source: z
    .string()
    .transform(split)
    .pipe(z.array(z.string().min(1).max(256)).min(1).max(16))
    .optional(),
  level: z
    .string()
    .transform(split)
    .pipe(z.array(z.enum(LOG_LEVELS)).min(1).max(4))
    .optional(),
  operation: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
const lineId = z
  .string()
  .regex(/^[0-9]{1,19}$/)
  .optional();
const fromBeforeTo = <T extends { from?: string; to?: string }>(q: T) =>
  !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to);
const toAfterFrom = { path: ['to'], message: 'must be after from' };

/** The query of both log routes; `instance` only on the fleet's. */
export const logsQuerySchema = logsQueryFields
  .extend({
    before: lineId,
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine(fromBeforeTo, toAfterFrom);

/** The query of both live tails: the same filters, and the id of the last line the client has. */
export const logsTailQuerySchema = logsQueryFields
  .extend({ after: lineId })
  .refine(fromBeforeTo, toAfterFrom);
export type LogsTailQuery = z.infer<typeof logsTailQuerySchema>;

export type LogsQuery = z.infer<typeof logsQuerySchema>;
