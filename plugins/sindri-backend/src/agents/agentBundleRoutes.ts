import { SindriRouter } from '../http/types';
import { AgentBundleService } from './AgentBundleService';

/**
 * `GET /agent/install.sh` and `GET /agent/bundle`: the agent an instance
 * installs, served to the instance's own token (checked before the routes run).
 */
export function registerAgentBundleRoutes(
  router: SindriRouter,
  bundles: AgentBundleService,
) {
  router.get('/agent/install.sh', async (_req, res) => {
    res
      .type('text/x-shellscript; charset=utf-8')
      .set('Cache-Control', 'no-store')
      .send(await bundles.installScript());
  });

  router.get('/agent/bundle', async (_req, res) => {
    const { manifest, bytes } = await bundles.bundle();
    res
      .type('application/javascript')
      .set({
        'Cache-Control': 'no-store',
        'X-Sindri-Agent-Version': manifest.version,
        'X-Sindri-Agent-Sha256': manifest.sha256,
      })
      .send(bytes);
  });
}
