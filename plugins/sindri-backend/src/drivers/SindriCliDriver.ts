import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';
import { SINDRI_PROVIDERS } from '@internal/plugin-sindri-common';
import {
  DriverRun,
  DriverStatus,
  SindriDriver,
} from '@internal/plugin-sindri-node';
import { runSindriCli } from './runSindriCli';

/**
 * Deploys through the real Sindri CLI: writes the instance's sindri.yaml in
 * its work dir and runs `sindri <command> -c sindri.yaml` there.
 */
export class SindriCliDriver implements SindriDriver {
  readonly id = 'sindri-cli';
  readonly title = 'The provider in sindri.yaml (Sindri CLI)';
  readonly providers = SINDRI_PROVIDERS;

  constructor(private readonly cliPath: string) {}

  async plan(config: Record<string, unknown>, run: DriverRun) {
    await this.cli(config, run, ['deploy', '--dry-run']);
  }

  async deploy(config: Record<string, unknown>, run: DriverRun) {
    await this.cli(config, run, ['deploy', '--wait']);
  }

  async redeploy(config: Record<string, unknown>, run: DriverRun) {
    await this.cli(config, run, ['deploy', '--force', '--wait']);
  }

  async stop(config: Record<string, unknown>, run: DriverRun) {
    await this.cli(config, run, ['stop']);
  }

  async start(config: Record<string, unknown>, run: DriverRun) {
    await this.cli(config, run, ['start']);
  }

  async destroy(
    config: Record<string, unknown>,
    run: DriverRun & { volumes?: boolean },
  ) {
    await this.cli(config, run, [
      'destroy',
      '--force',
      ...(run.volumes ? ['--volumes'] : []),
    ]);
  }

  async status(
    config: Record<string, unknown>,
    run: DriverRun,
  ): Promise<DriverStatus> {
    const out = await this.cli(config, run, ['status', '--json']);
    try {
      const parsed = JSON.parse(out) as { state?: string; status?: string };
      const state = String(parsed.state ?? parsed.status ?? '').toLowerCase();
      if (/running|started|up/.test(state))
        return { state: 'running', detail: state };
      if (/stopped|suspended|exited/.test(state))
        return { state: 'stopped', detail: state };
      if (/not.?found|absent|none/.test(state))
        return { state: 'absent', detail: state };
      return { state: 'unknown', detail: state || undefined };
    } catch {
      return { state: 'unknown', detail: 'the CLI did not answer with JSON' };
    }
  }

  private async cli(
    config: Record<string, unknown>,
    run: DriverRun,
    args: string[],
  ): Promise<string> {
    await fs.mkdir(run.workDir, { recursive: true });
    const file = path.join(run.workDir, 'sindri.yaml');
    await fs.writeFile(file, yaml.stringify(config), { mode: 0o600 });
    return runSindriCli(this.cliPath, [...args, '-c', file], run);
  }
}
