import { createBackend } from '@backstage/backend-defaults';
import { SindriConfigError } from '@internal/plugin-sindri-node';
import { portalFeatures } from './features';
import { checkStartupConfig, loadStartupConfig } from './preflight';
import { rootLoggerServiceFactory } from './rootLogger';

function fail(error: unknown): never {
  const message =
    error instanceof SindriConfigError
      ? `Invalid configuration: ${error.message}`
      : `Backend failed to start: ${
          error instanceof Error ? error.message : error
        }`;
  process.stderr.write(`${message.split('\n')[0]}\n`);
  process.exit(1);
}

async function main() {
  await checkStartupConfig(await loadStartupConfig());

  const backend = createBackend();
  backend.add(rootLoggerServiceFactory);

  for (const feature of portalFeatures()) backend.add(feature);

  await backend.start();
}

main().catch(fail);
