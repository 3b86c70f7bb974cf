import { Config } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import {
  checkLocalDriverListen,
  createSindriRegistry,
  SindriConfigError,
} from '@internal/plugin-sindri-node';

const DATABASE_CLIENTS = ['better-sqlite3', 'pg'];

function checkDatabase(config: Config): void {
  const client = config.getOptionalString('backend.database.client');
  if (!client || !DATABASE_CLIENTS.includes(client)) {
    throw new SindriConfigError(
      'backend.database.client',
      `must be one of ${DATABASE_CLIENTS.join(', ')} (got ${
        client ? `"${client}"` : 'nothing'
      })`,
    );
  }
  const connection = config.getOptional('backend.database.connection');
  if (client === 'pg' && typeof connection === 'string') {
    let url: URL;
    try {
      url = new URL(connection);
    } catch {
      throw new SindriConfigError(
        'backend.database.connection',
        'is not a valid URL; expected postgresql://user:password@host:port/database',
      );
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new SindriConfigError(
        'backend.database.connection',
        `has protocol "${url.protocol}"; expected postgresql://`,
      );
    }
    if (!url.hostname) {
      throw new SindriConfigError(
        'backend.database.connection',
        'names no host; expected postgresql://user:password@host:port/database',
      );
    }
  }
  if (client === 'pg' && connection && typeof connection === 'object') {
    const port = config.getOptional('backend.database.connection.port');
    if (port !== undefined && !/^\d+$/.test(String(port))) {
      throw new SindriConfigError(
        'backend.database.connection.port',
        `must be a port number (got "${port}")`,
      );
    }
  }
}

/**
 * Checks the settings that would otherwise fail deep inside a plugin's start
 * with a stack trace. Each check throws a SindriConfigError naming the setting.
 */
export async function checkStartupConfig(config: Config): Promise<void> {
  checkDatabase(config);
  checkLocalDriverListen(config);
  await createSindriRegistry(config);
}

/** Loads config the way the backend's rootConfig service does. */
export async function loadStartupConfig(): Promise<Config> {
  return ConfigSources.toConfig(ConfigSources.default({}));
}
