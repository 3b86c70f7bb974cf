import { z } from 'zod';

/** Body of `GET /api/sindri/health`. */
export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    client: z.enum(['better-sqlite3', 'pg']),
    reachable: z.boolean(),
    migrations: z.number().int().nonnegative(),
    /** while it does not answer: since when this replica has found it so */
    unreachableSince: z.iso.datetime().optional(),
  }),
  registry: z.object({
    extensions: z.number().int().nonnegative(),
    profiles: z.number().int().nonnegative(),
  }),
});

export type HealthResponse = z.infer<typeof healthResponseSchema>;
