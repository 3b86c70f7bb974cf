import { LoggerService } from '@backstage/backend-plugin-api';
import { SindriDriver } from '@internal/plugin-sindri-node';
import { SindriBackendConfig } from '../config';
import { DriverRegistry } from './DriverRegistry';
import { LocalDriver } from './local/LocalDriver';
import { SindriCliDriver } from './SindriCliDriver';

/** The drivers the config enables, then those modules added (a module's driver replaces a built-in one of its id). */
export function createDrivers(
  settings: SindriBackendConfig,
  logger: LoggerService,
  added: SindriDriver[],
) {
  const local = settings.localDriver
    ? new LocalDriver({
        agentCommand: settings.localDriver.agentCommand,
        onCrash: (name, detail) =>
          logger.warn(`Local instance ${name}: sindri-agent ${detail}`),
      })
    : undefined;
  const builtIn: SindriDriver[] = [];
  if (local) builtIn.push(local);
  if (settings.cliPath) builtIn.push(new SindriCliDriver(settings.cliPath));
  const registry = new DriverRegistry(
    [...builtIn, ...added],
    settings.deployments.defaultDriver,
  );
  logger.info(
    `Sindri deployment drivers: ${
      registry.ids().join(', ') ||
      'none (set sindri.cli.path or sindri.drivers.local.enabled)'
    }`,
  );
  return {
    registry,
    async shutdown() {
      await local?.shutdown();
    },
  };
}
