import { Config } from '@backstage/config';

/** Origins a browser may open terminals from: the app's and the backend's, and CORS origins. */
export function allowedOrigins(config: Config): string[] {
  const origins = [
    config.getOptionalString('app.baseUrl'),
    config.getOptionalString('backend.baseUrl'),
  ]
    .filter((u): u is string => Boolean(u))
    .map(u => new URL(u).origin);
  const cors = config.getOptional('backend.cors.origin');
  for (const o of Array.isArray(cors) ? cors : [cors])
    if (typeof o === 'string' && !o.includes('*'))
      origins.push(new URL(o).origin);
  return [...new Set(origins)];
}
