import { parseArgs } from 'node:util';

export const USAGE = `Usage: sindri-agent [options]

Runs on a Sindri instance and reports it to a Sindri fleet portal.

Options:
  --version   print the agent version and exit
  --help      print this help and exit
`;

export type CliCommand = { kind: 'help' } | { kind: 'version' };

/** Parses the command line; throws with a one-line message on unknown options. */
export function parseCli(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      version: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.version) return { kind: 'version' };
  return { kind: 'help' };
}
