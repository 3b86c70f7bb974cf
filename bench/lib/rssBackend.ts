// The portal's backend as packages/backend runs it, for the idle-memory bench:
// `--without-sindri` leaves out every Sindri plugin and module, not even
// loading their code (an allow-all policy stands in for ours, which the
// permission backend needs), so the two differ only by what is ours.
//
//   node -r @backstage/cli/config/nodeTransform.cjs bench/lib/rssBackend.ts [--without-sindri] --config app-config.yaml
import fs from 'node:fs';
import Module from 'node:module';
import { parseArgs } from 'node:util';
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

const { values } = parseArgs({
  options: {
    'without-sindri': { type: 'boolean', default: false },
    config: { type: 'string', multiple: true },
  },
});

/** What the portal's feature list holds in place of ours when they are left out. */
const LEFT_OUT = Symbol('a Sindri feature, left out');
if (values['without-sindri']) {
  // our packages are not loaded at all: their imports resolve to a marker
  const loader = Module as unknown as {
    _load: (request: string, ...rest: unknown[]) => unknown;
  };
  const load = loader._load;
  loader._load = function loadUpstreamOnly(request, ...rest) {
    if (/^@internal\/plugin-/.test(request))
      return { __esModule: true, default: LEFT_OUT };
    return load.call(this, request, ...rest);
  };
}
const {
  portalFeatures,
}: typeof import('../../packages/backend/src/features') = require('../../packages/backend/src/features');
const {
  rootLoggerServiceFactory,
}: typeof import('../../packages/backend/src/rootLogger') = require('../../packages/backend/src/rootLogger');

const allowAllPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-allow-all',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          handle: async () => ({ result: AuthorizeResult.ALLOW }),
        });
      },
    });
  },
});

const backend = createBackend();
// both runs log as packages/backend does, the config schema compiled off the main thread
backend.add(rootLoggerServiceFactory);
for (const feature of portalFeatures()) {
  if ((feature as unknown) !== LEFT_OUT) backend.add(feature);
}
if (values['without-sindri']) backend.add(allowAllPolicy);
// the bench asks for a full collection before it reads: RSS then follows what is live, not when V8 last collected
process.on('SIGUSR2', () => {
  (global as { gc?: () => void }).gc?.();
  // with SINDRI_BENCH_RSS_MODULES=<file>, the files this backend has loaded, for attributing what ours brings in
  const listTo = process.env.SINDRI_BENCH_RSS_MODULES;
  if (listTo) {
    fs.writeFileSync(listTo, Object.keys(require.cache).join('\n'));
    fs.writeFileSync(
      `${listTo}.memory.json`,
      JSON.stringify(process.memoryUsage()),
    );
  }
});
backend.start().catch(error => {
  process.stderr.write(`backend failed to start: ${error}\n`);
  process.exit(1);
});
