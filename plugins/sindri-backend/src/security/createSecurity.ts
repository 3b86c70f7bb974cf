import fs from 'node:fs';
import { Knex } from 'knex';
import {
  LoggerService,
  resolvePackagePath,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { duration } from '../config';
import { InstanceStore } from '../database/InstanceStore';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { SindriTask } from '../service/scheduledTasks';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { AdvisoryStore } from './AdvisoryStore';
import { InventoryStore } from './InventoryStore';
import { OsvClient, withoutCredentials } from './OsvClient';
import { OsvSync } from './OsvSync';
import { SecurityService } from './SecurityService';

/** `sindri.security.*`, with the documented defaults. */
export function readSecuritySettings(config: RootConfigService) {
  return {
    osvUrl:
      config.getOptionalString('sindri.security.osv.url') ??
      'https://api.osv.dev',
    syncIntervalMs: duration(config, 'sindri.security.osv.syncInterval', {
      minutes: 5,
    }),
    recheckAfterMs: duration(config, 'sindri.security.osv.recheckAfter', {
      hours: 24,
    }),
    tokenRotationDays:
      config.getOptionalNumber('sindri.security.tokenRotationDays') ?? 90,
  };
}

/**
 * Security end to end: the inventory and advisory stores, the OSV sync and
 * its scheduled task (once across replicas), and the service the routes call.
 */
export function createSecurity(deps: {
  knex: Knex;
  config: RootConfigService;
  logger: LoggerService;
  instances: InstanceStore;
  deployments: DeploymentStore;
  tokens: AgentTokenStore;
  registry: SindriRegistryService;
}) {
  const settings = readSecuritySettings(deps.config);
  const inventories = new InventoryStore(deps.knex);
  const advisories = new AdvisoryStore(deps.knex);
  const sync = new OsvSync({
    client: new OsvClient(settings.osvUrl),
    store: advisories,
    settings,
    logger: deps.logger,
  });
  const packageJson = JSON.parse(
    fs.readFileSync(
      resolvePackagePath('@internal/plugin-sindri-backend', 'package.json'),
      'utf8',
    ),
  );
  const task: SindriTask = {
    id: 'sindri-advisories',
    frequency: { milliseconds: settings.syncIntervalMs },
    timeout: { minutes: 10 },
    fn: async () => {
      const done = await sync.sync();
      if (done.checked)
        deps.logger.info(
          `Advisories: ${done.checked} package versions checked, ${done.advisories} advisories fetched`,
        );
    },
  };
  return {
    inventories,
    sync,
    task,
    service: new SecurityService({
      inventories,
      advisories,
      instances: deps.instances,
      deployments: deps.deployments,
      tokens: deps.tokens,
      registry: deps.registry,
      settings: {
        osvUrl: withoutCredentials(settings.osvUrl),
        tokenRotationDays: settings.tokenRotationDays,
        portalVersion: packageJson.version,
      },
    }),
  };
}
