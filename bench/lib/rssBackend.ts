// The portal's backend as packages/backend runs it, for the idle-memory bench:
// `--without-sindri` leaves out every Sindri plugin and module (an allow-all
// policy stands in for ours, which the permission backend needs), so the two
// differ only by what is ours.
//
//   node -r @backstage/cli/config/nodeTransform.cjs bench/lib/rssBackend.ts [--without-sindri] --config app-config.yaml
import { parseArgs } from 'node:util';
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import catalogBackendModuleSindri from '@internal/plugin-catalog-backend-module-sindri';
import scaffolderBackendModuleSindri from '@internal/plugin-scaffolder-backend-module-sindri';
import permissionBackendModuleSindriPolicy from '@internal/plugin-permission-backend-module-sindri-policy';
import sindriBackend from '@internal/plugin-sindri-backend';
import { portalFeatures } from '../../packages/backend/src/features';

const { values } = parseArgs({
  options: {
    'without-sindri': { type: 'boolean', default: false },
    config: { type: 'string', multiple: true },
  },
});

const ours: unknown[] = [
  catalogBackendModuleSindri,
  scaffolderBackendModuleSindri,
  permissionBackendModuleSindriPolicy,
  sindriBackend,
];

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
for (const feature of portalFeatures()) {
  if (values['without-sindri'] && ours.includes(feature)) continue;
  backend.add(feature);
}
if (values['without-sindri']) backend.add(allowAllPolicy);
backend.start().catch(error => {
  process.stderr.write(`backend failed to start: ${error}\n`);
  process.exit(1);
});
