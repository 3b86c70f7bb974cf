import { Config } from '@backstage/config';
import { SindriConfigError } from '../ConfigError';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost|\[::1\])$/i;

/** The host `backend.listen` binds: its `host`, or the host part of the `host:port` string form ('' for every interface). */
function listenHost(config: Config): string {
  const listen = config.getOptional('backend.listen');
  if (typeof listen === 'string')
    return listen.includes(':') ? listen.slice(0, listen.lastIndexOf(':')) : '';
  return config.getOptionalString('backend.listen.host') ?? '';
}

/**
 * The local driver runs every instance, and so every terminal and command on
 * it, as the portal's own OS user: it is for one person's machine. With it
 * enabled the backend must listen on a loopback address only, unless the
 * operator says otherwise with `sindri.drivers.local.allowNonLoopback`.
 * Throws a SindriConfigError naming the settings when that does not hold.
 */
export function checkLocalDriverListen(config: Config): void {
  if (!config.getOptionalBoolean('sindri.drivers.local.enabled')) return;
  if (config.getOptionalBoolean('sindri.drivers.local.allowNonLoopback'))
    return;
  const host = listenHost(config);
  if (LOOPBACK.test(host)) return;
  throw new SindriConfigError(
    'sindri.drivers.local.enabled',
    `the local driver runs instances as the portal's own OS user, so the backend must listen on loopback only (backend.listen.host: 127.0.0.1), not on ${
      host || 'every interface'
    }; set sindri.drivers.local.allowNonLoopback: true to run it anyway`,
  );
}
