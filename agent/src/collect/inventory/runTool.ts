import { execFile } from 'node:child_process';

/** What a package tool answered, or why it could not: absent (ENOENT) or failed. */
export type ToolResult =
  | { ok: true; stdout: string }
  | { ok: false; missing: boolean; message: string };

/** Runs a tool without a shell, bounded in time and output. */
export function runTool(
  file: string,
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ToolResult> {
  return new Promise(resolve => {
    execFile(
      file,
      args,
      {
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: options.env ?? process.env,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ ok: true, stdout });
          return;
        }
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        resolve({
          ok: false,
          missing,
          message: missing
            ? `${file} is not installed`
            : `${file} ${args.join(' ')}: ${(stderr || error.message)
                .trim()
                .slice(0, 300)}`,
        });
      },
    );
  });
}
