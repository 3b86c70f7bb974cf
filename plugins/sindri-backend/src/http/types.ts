import type { createOpenApiRouter } from '../schema/openapi.generated';

/** The router the spec types: every route below is one of the spec's operations. */
export type SindriRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;
