import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { DriverRun, SindriDriverError } from '@internal/plugin-sindri-node';
import { pickEnvironment } from './pickEnvironment';

/** Colour codes and Sindri's status glyphs are for terminals, not for logs. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** What the CLI may see of the backend's environment: never the backend's own secrets. */
const PASSED_VARIABLES = [
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
];

export function cliEnvironment(
  env: NodeJS.ProcessEnv,
  run: { env?: Record<string, string> },
): NodeJS.ProcessEnv {
  return { ...pickEnvironment(env, PASSED_VARIABLES), ...run.env };
}

/** The reason to show for a failed CLI call: its `Error:` line, and the missing prerequisites it listed. */
export function failureMessage(
  lines: string[],
  exitCode: number | null,
): string {
  const error = [...lines].reverse().find(l => l.startsWith('Error: '));
  const missing = lines
    .filter(l => /^ {2}\S[^:]*: /.test(l) && !l.includes('Install:'))
    .map(l => l.trim());
  const reason = error
    ? error.slice('Error: '.length)
    : `exited with code ${exitCode}`;
  return missing.length && /prerequisite/i.test(reason)
    ? `${reason}: missing ${missing.join('; ')}`
    : reason;
}

/**
 * Runs the Sindri CLI with an argv array (never a shell) in the run's work
 * dir, streaming each output line as progress. Resolves with stdout; rejects
 * with a SindriDriverError naming the CLI's own error, a timeout or a
 * cancellation. A timed-out or cancelled CLI is sent SIGTERM, then SIGKILL.
 */
export function runSindriCli(
  cliPath: string,
  args: string[],
  run: DriverRun,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (run.signal?.aborted) {
      reject(
        new SindriDriverError('cancelled before it started', {
          reason: 'cancelled',
        }),
      );
      return;
    }
    const child = spawn(cliPath, args, {
      cwd: run.workDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...cliEnvironment(process.env, run),
        NO_COLOR: '1',
        RUST_BACKTRACE: '0',
      },
      detached: true,
    });
    const lines: string[] = [];
    let stdout = '';
    let ended: 'timeout' | 'cancelled' | undefined;
    const kill = (why: 'timeout' | 'cancelled') => {
      ended = why;
      try {
        process.kill(-child.pid!, 'SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 3000).unref();
      } catch {
        // already gone
      }
    };
    const timer = run.timeoutMs
      ? setTimeout(() => kill('timeout'), run.timeoutMs)
      : undefined;
    const onAbort = () => kill('cancelled');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    const onLine = (stream: 'stdout' | 'stderr', raw: string) => {
      const line = raw.replace(ANSI, '');
      if (stream === 'stdout') stdout += `${line}\n`;
      lines.push(line);
      if (lines.length > 2000) lines.shift();
      run.onProgress?.({ stream, line });
    };
    readline
      .createInterface({ input: child.stdout! })
      .on('line', raw => onLine('stdout', raw));
    readline
      .createInterface({ input: child.stderr! })
      .on('line', raw => onLine('stderr', raw));
    child.on('error', error => {
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new SindriDriverError(
          notFound
            ? `the Sindri CLI was not found at ${cliPath} (sindri.cli.path)`
            : `the Sindri CLI could not start: ${error.message}`,
          {
            reason: notFound ? 'not-found' : 'failed',
          },
        ),
      );
    });
    child.on('close', code => {
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      if (ended === 'timeout')
        reject(
          new SindriDriverError(
            `sindri ${args[0]} took longer than ${run.timeoutMs} ms and was stopped`,
            { reason: 'timeout', exitCode: code },
          ),
        );
      else if (ended === 'cancelled')
        reject(
          new SindriDriverError(`sindri ${args[0]} was cancelled`, {
            reason: 'cancelled',
            exitCode: code,
          }),
        );
      else if (code !== 0)
        reject(
          new SindriDriverError(
            `sindri ${args[0]}: ${failureMessage(lines, code)}`,
            { reason: 'failed', exitCode: code },
          ),
        );
      else resolve(stdout);
    });
  });
}
