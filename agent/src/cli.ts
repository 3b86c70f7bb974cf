import { parseArgs } from 'node:util';
import { SETTINGS, TOKEN_FILE } from './config';

/** Every flag with its variable: the settings', and the token file's (the token itself has none). */
const FLAGS = [
  ...SETTINGS.filter(s => s.flag).map(s => ({
    flag: s.flag!,
    env: s.env,
    help: s.help,
  })),
  {
    ...TOKEN_FILE,
    help: 'a file holding the token, readable by this user only (mode 0600)',
  },
];

const FLAG_WIDTH = Math.max(...FLAGS.map(s => s.flag.length)) + 2;
const ENV_WIDTH =
  Math.max(...SETTINGS.map(s => s.env.length), TOKEN_FILE.env.length) + 1;

export const USAGE = `Usage: sindri-agent [options]

Runs on a Sindri instance and reports it to a Sindri fleet portal over one
outbound WebSocket (HTTP as fallback). Every option can be given as an
environment variable instead. The token is taken only from SINDRI_AGENT_TOKEN
or a token file, never from the command line, where every user can read it.

Options:
  ${''.padEnd(FLAG_WIDTH + 2)}${'SINDRI_AGENT_TOKEN'.padEnd(
  ENV_WIDTH,
)}this instance's enrollment token
${FLAGS.map(
  s => `  --${s.flag.padEnd(FLAG_WIDTH)}${s.env.padEnd(ENV_WIDTH)}${s.help}`,
).join('\n')}
  ${'--version'.padEnd(FLAG_WIDTH + 2)}print the agent version and exit
  ${'--help'.padEnd(FLAG_WIDTH + 2)}print this help and exit
`;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; flags: Record<string, string | undefined> };

/** Parses the command line; throws with a one-line message on unknown options. */
export function parseCli(argv: string[]): CliCommand {
  if (argv.some(a => a === '--token' || a.startsWith('--token='))) {
    throw new Error(
      `--token: the token is not taken from the command line, where every user of the machine can read it; set SINDRI_AGENT_TOKEN or --${TOKEN_FILE.flag}`,
    );
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      version: { type: 'boolean' },
      help: { type: 'boolean' },
      ...Object.fromEntries(
        FLAGS.map(s => [s.flag, { type: 'string' as const }]),
      ),
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.version) return { kind: 'version' };
  if (values.help) return { kind: 'help' };
  const given = values as Record<string, string | boolean | undefined>;
  const flags = Object.fromEntries(
    FLAGS.map(s => [s.flag, given[s.flag] as string | undefined]),
  );
  return { kind: 'run', flags };
}
