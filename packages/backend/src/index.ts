import { createBackend } from '@backstage/backend-defaults';
import { SindriConfigError } from '@internal/plugin-sindri-node';
import { checkStartupConfig, loadStartupConfig } from './preflight';

function fail(error: unknown): never {
  const message =
    error instanceof SindriConfigError
      ? `Invalid configuration: ${error.message}`
      : `Backend failed to start: ${error instanceof Error ? error.message : error}`;
  process.stderr.write(`${message.split('\n')[0]}\n`);
  process.exit(1);
}

async function main() {
  await checkStartupConfig(await loadStartupConfig());

  const backend = createBackend();

  backend.add(import('@backstage/plugin-app-backend'));
  backend.add(import('@backstage/plugin-proxy-backend'));

  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
  backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
  backend.add(import('@internal/plugin-catalog-backend-module-sindri'));

  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(import('@internal/plugin-scaffolder-backend-module-sindri'));

  backend.add(import('@backstage/plugin-techdocs-backend'));

  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(import('@internal/plugin-permission-backend-module-sindri-policy'));

  backend.add(import('@backstage/plugin-search-backend'));
  backend.add(import('@backstage/plugin-search-backend-module-pg'));
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));
  backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

  backend.add(import('@backstage/plugin-kubernetes-backend'));

  backend.add(import('@backstage/plugin-user-settings-backend'));
  backend.add(import('@backstage/plugin-notifications-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));

  backend.add(import('@internal/plugin-sindri-backend'));

  await backend.start();
}

main().catch(fail);
