import { parseArgs } from 'node:util';
import { SETTINGS } from './config';

const FLAG_WIDTH = Math.max(...SETTINGS.map(s => s.flag.length)) + 2;
const ENV_WIDTH = Math.max(...SETTINGS.map(s => s.env.length)) + 1;

export const USAGE = `Usage: sindri-agent [options]

Runs on a Sindri instance and reports it to a Sindri fleet portal over one
outbound WebSocket (HTTP as fallback). Every option can be given as an
environment variable instead.

Options:
${SETTINGS.map(s => `  --${s.flag.padEnd(FLAG_WIDTH)}${s.env.padEnd(ENV_WIDTH)}${s.help}`).join('\n')}
  ${'--version'.padEnd(FLAG_WIDTH + 2)}print the agent version and exit
  ${'--help'.padEnd(FLAG_WIDTH + 2)}print this help and exit
`;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; flags: Record<string, string | undefined> };

/** Parses the command line; throws with a one-line message on unknown options. */
export function parseCli(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      version: { type: 'boolean' },
      help: { type: 'boolean' },
      ...Object.fromEntries(SETTINGS.map(s => [s.flag, { type: 'string' as const }])),
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.version) return { kind: 'version' };
  if (values.help) return { kind: 'help' };
  const given = values as Record<string, string | boolean | undefined>;
  const flags = Object.fromEntries(SETTINGS.map(s => [s.flag, given[s.flag] as string | undefined]));
  return { kind: 'run', flags };
}
