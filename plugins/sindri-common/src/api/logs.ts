import type { components } from '../schema/openapi.generated';
import { z } from 'zod';
import { LOG_LEVELS } from '../protocol/logs';
import { instanceNameSchema } from '../protocol/registration';

/** A stored log line and a page of them (`GET /logs`, `GET /instances/{name}/logs`). */
export type StoredLogLine = components['schemas']['LogLine'];
export type LogPage = components['schemas']['LogPage'];

const split = (text: string) => text.split(',').filter(Boolean);

/** The query of both log routes; `instance` only on the fleet's. */
export const logsQuerySchema = z
  .object({
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
    before: z
      .string()
      .regex(/^[0-9]{1,19}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine(q => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    path: ['to'],
    message: 'must be after from',
  });
export type LogsQuery = z.infer<typeof logsQuerySchema>;
