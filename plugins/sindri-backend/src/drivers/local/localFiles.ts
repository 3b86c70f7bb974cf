import fs from 'node:fs/promises';
import path from 'node:path';
import { AGENT_ENV, ENROLLMENT_ENV } from '@internal/plugin-sindri-common';
import { DriverRun, SindriDriverError } from '@internal/plugin-sindri-node';

/** Files of a local instance, all inside its work dir. */
export function layout(workDir: string) {
  const agentDir = path.join(workDir, '.agent');
  return {
    sindriYaml: path.join(workDir, 'sindri.yaml'),
    workspace: path.join(workDir, 'workspace'),
    agentDir,
    /** the agent's enrollment (console URL, token, name): readable by the portal's user only */
    enrollment: path.join(agentDir, 'enrollment.json'),
    log: path.join(agentDir, 'agent.log'),
    pid: path.join(agentDir, 'agent.pid'),
  };
}

export function requireEnrollment(run: DriverRun): Record<string, string> {
  const env = run.env ?? {};
  const missing = ENROLLMENT_ENV.filter(k => !env[k]);
  if (missing.length)
    throw new SindriDriverError(
      `the local driver needs ${missing.join(', ')} in the run's environment`,
    );
  return {
    [AGENT_ENV.consoleUrl]: env[AGENT_ENV.consoleUrl],
    [AGENT_ENV.token]: env[AGENT_ENV.token],
    [AGENT_ENV.instanceName]: env[AGENT_ENV.instanceName],
  };
}

export async function logSince(file: string, offset: number): Promise<string> {
  const handle = await fs.open(file, 'r').catch(() => undefined);
  if (!handle) return '';
  try {
    const { size } = await handle.stat();
    const length = Math.max(0, Math.min(size - offset, 64 * 1024));
    const { buffer } = await handle.read(
      Buffer.alloc(length),
      0,
      length,
      offset,
    );
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function logTail(file: string): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  const lines = text.trim().split('\n').slice(-3).join(' | ');
  return lines || 'it wrote nothing';
}

/**
 * Ends the agent an earlier portal process started for this workspace and
 * left running (it was killed, not stopped). The pid is trusted only if that
 * process still runs with this workspace, so a recycled pid is left alone.
 */
export async function endLeftoverAgent(
  pidFile: string,
  workspace: string,
): Promise<boolean> {
  const pid = Number(await fs.readFile(pidFile, 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  // Linux: the process's environment says whose agent it is (elsewhere nothing is ended)
  const ours = async () =>
    (await fs.readFile(`/proc/${pid}/environ`, 'utf8').catch(() => ''))
      .split('\0')
      .includes(`${AGENT_ENV.workspace}=${workspace}`);
  if (!(await ours())) return false;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 50 && (await ours()); i++) {
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  // still the same process (not a recycled pid): end it
  if (await ours()) signal('SIGKILL');
  await fs.rm(pidFile, { force: true });
  return true;
}
