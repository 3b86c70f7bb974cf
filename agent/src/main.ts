import { parseCli, USAGE } from './cli';
import { AGENT_VERSION } from './version';

/** Entry point of the `sindri-agent` command; resolves to the exit code. */
export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let command;
  try {
    command = parseCli(argv);
  } catch (error) {
    err.write(`sindri-agent: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'version') {
    out.write(`${AGENT_VERSION}\n`);
    return 0;
  }
  out.write(USAGE);
  return 0;
}
