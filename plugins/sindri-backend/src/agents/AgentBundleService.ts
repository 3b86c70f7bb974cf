import fs from 'node:fs/promises';
import path from 'node:path';
import { ServiceUnavailableError } from '@backstage/errors';
import { AgentBundleManifest, agentInstallScript } from './installScript';

/**
 * The versioned agent bundle this portal serves to its instances, and the
 * install script that fetches and checks it. Read from `sindri.agents.bundleDir`
 * on each request, so a bundle rebuilt beside a running portal is served at once.
 */
export class AgentBundleService {
  constructor(private readonly bundleDir?: string) {}

  async manifest(): Promise<AgentBundleManifest> {
    if (!this.bundleDir)
      throw new ServiceUnavailableError(
        'this portal serves no agent bundle: set sindri.agents.bundleDir',
      );
    try {
      return JSON.parse(
        await fs.readFile(path.join(this.bundleDir, 'manifest.json'), 'utf8'),
      );
    } catch {
      throw new ServiceUnavailableError(
        `the agent bundle is not built in ${this.bundleDir}: run yarn agent:bundle`,
      );
    }
  }

  async installScript(): Promise<string> {
    return agentInstallScript(await this.manifest());
  }

  async bundle(): Promise<{ manifest: AgentBundleManifest; bytes: Buffer }> {
    const manifest = await this.manifest();
    const bytes = await fs.readFile(path.join(this.bundleDir!, manifest.file));
    return { manifest, bytes };
  }
}
