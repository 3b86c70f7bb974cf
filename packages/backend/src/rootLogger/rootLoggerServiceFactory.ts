import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import { format, transports as winstonTransports, transport } from 'winston';
import { loadConfigSchemaInWorker } from './configSchemaInWorker';
import { readLoggerSettings } from './loggerSettings';

/**
 * The root logger Backstage's backend would make (JSON lines in production,
 * coloured text otherwise; `backend.logger` level, meta and overrides; every
 * config value the schema marks secret redacted), with the schema compiled
 * off the main thread: see {@link loadConfigSchemaInWorker}.
 */
export async function createRootLogger(options: {
  config: Config;
  /** where the workspace's packages are found; the working directory by default */
  dir?: string;
  transports?: transport[];
}): Promise<WinstonLogger> {
  const { config } = options;
  const settings = readLoggerSettings(config);
  const logger = WinstonLogger.create({
    meta: { service: 'backstage', ...settings.meta },
    level: process.env.LOG_LEVEL || settings.level || 'info',
    format:
      process.env.NODE_ENV === 'production'
        ? format.json()
        : WinstonLogger.colorFormat(),
    transports: options.transports ?? [new winstonTransports.Console()],
  });
  const dir = options.dir ?? process.cwd();
  const schema = await loadConfigSchemaInWorker({
    dir,
    onSchemaError: message => logger.warn(message),
  });
  // it lists the workspace's packages again before it takes the schema: same dir
  const secretsIn = await createConfigSecretEnumerator({ logger, schema, dir });
  logger.addRedactions(secretsIn(config));
  logger.setLevelOverrides(settings.overrides);
  config.subscribe?.(() => {
    logger.addRedactions(secretsIn(config));
    logger.setLevelOverrides(readLoggerSettings(config).overrides);
  });
  return logger;
}

export const rootLoggerServiceFactory = createServiceFactory({
  service: coreServices.rootLogger,
  deps: { config: coreServices.rootConfig },
  factory: ({ config }) => createRootLogger({ config }),
});
