import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  AGENT_ENV,
  INSTANCE_PROVIDERS,
  instanceNameSchema,
} from '@internal/plugin-sindri-common';
import { JOURNAL_PREFIX, UNIT_NAME } from './logs/JournalReader';

const positiveSeconds = z.coerce.number().positive();

/** Everything the agent reads from flags and `SINDRI_*` environment variables. */
export const agentConfigSchema = z.object({
  consoleUrl: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1),
  name: instanceNameSchema,
  provider: z.enum(INSTANCE_PROVIDERS),
  region: z.string().min(1).max(64).optional(),
  sindriYaml: z.string().min(1).optional(),
  statusLedger: z.string().min(1).optional(),
  /** files, and directories whose `*.log` files, the agent ships */
  logSources: z
    .string()
    .transform(list =>
      list
        .split(',')
        .map(s => s.trim())
        .filter(Boolean),
    )
    .refine(
      sources =>
        sources.every(
          s =>
            !s.startsWith(JOURNAL_PREFIX) ||
            UNIT_NAME.test(s.slice(JOURNAL_PREFIX.length)),
        ),
      {
        message:
          'a journald source must name a systemd unit, e.g. journald:docker.service',
      },
    ),
  journalDirectory: z.string().min(1).optional(),
  stateDir: z.string().min(1),
  heartbeatSeconds: positiveSeconds,
  metricsSeconds: positiveSeconds,
  bufferSize: z.coerce.number().int().min(10).max(1_000_000),
  maxBackoffSeconds: positiveSeconds,
  sshHost: z.string().min(1).optional(),
  sshPort: z.coerce.number().int().min(1).max(65535).optional(),
  sshUser: z.string().min(1).optional(),
  workspace: z.string().min(1),
  shell: z.string().min(1),
  terminalIdleSeconds: positiveSeconds,
  inventorySeconds: positiveSeconds,
  sindriCli: z.string().min(1),
});

export type AgentConfig = z.infer<typeof agentConfigSchema>;

/** Flag name, environment variable and default of each setting; the token has no flag (argv is visible to every user). */
export const SETTINGS: Array<{
  key: keyof AgentConfig;
  flag?: string;
  env: string;
  fallback?: (env: NodeJS.ProcessEnv) => string | undefined;
  help: string;
}> = [
  {
    key: 'consoleUrl',
    flag: 'console-url',
    env: AGENT_ENV.consoleUrl,
    help: 'base URL of the portal backend, e.g. https://portal.example.com',
  },
  {
    key: 'token',
    env: AGENT_ENV.token,
    help: "this instance's enrollment token (or --token-file)",
  },
  {
    key: 'name',
    flag: 'name',
    env: AGENT_ENV.instanceName,
    help: 'instance name, as enrolled',
  },
  {
    key: 'provider',
    flag: 'provider',
    env: AGENT_ENV.provider,
    fallback: () => 'local',
    help: `where it runs: ${INSTANCE_PROVIDERS.join(', ')}`,
  },
  {
    key: 'region',
    flag: 'region',
    env: AGENT_ENV.region,
    help: 'provider region',
  },
  {
    key: 'sindriYaml',
    flag: 'sindri-yaml',
    env: AGENT_ENV.config,
    help: "path of the instance's sindri.yaml",
  },
  {
    key: 'statusLedger',
    flag: 'status-ledger',
    env: AGENT_ENV.statusLedger,
    fallback: env =>
      env.HOME ? `${env.HOME}/.sindri/status_ledger.jsonl` : undefined,
    help: "Sindri's extension status ledger",
  },
  {
    key: 'logSources',
    flag: 'log-sources',
    env: AGENT_ENV.logSources,
    fallback: env => (env.HOME ? `${env.HOME}/.sindri/logs` : ''),
    help: "comma-separated log files, directories (their *.log files) and systemd units (journald:NAME.service) to ship, besides Sindri's ledger",
  },
  {
    key: 'journalDirectory',
    flag: 'journal-dir',
    env: AGENT_ENV.journalDirectory,
    help: "read the journald units' entries from the journal files in this directory instead of the system journal",
  },
  {
    key: 'stateDir',
    flag: 'state-dir',
    env: AGENT_ENV.stateDir,
    fallback: env => `${env.HOME ?? '/tmp'}/.sindri-agent`,
    help: 'where the agent keeps its instance id',
  },
  {
    key: 'heartbeatSeconds',
    flag: 'heartbeat-interval',
    env: AGENT_ENV.heartbeatSeconds,
    fallback: () => '10',
    help: 'seconds between heartbeats',
  },
  {
    key: 'metricsSeconds',
    flag: 'metrics-interval',
    env: AGENT_ENV.metricsSeconds,
    fallback: () => '30',
    help: 'seconds between metrics samples',
  },
  {
    key: 'inventorySeconds',
    flag: 'inventory-interval',
    env: AGENT_ENV.inventorySeconds,
    fallback: () => '3600',
    help: 'seconds between checks of what is installed (sent when it changed)',
  },
  {
    key: 'sindriCli',
    flag: 'sindri-cli',
    env: AGENT_ENV.sindriCli,
    fallback: () => 'sindri',
    help: "the Sindri CLI whose `bom generate` lists the extensions' components",
  },
  {
    key: 'bufferSize',
    flag: 'buffer-size',
    env: AGENT_ENV.bufferSize,
    fallback: () => '2000',
    help: 'samples kept while disconnected (oldest dropped first)',
  },
  {
    key: 'maxBackoffSeconds',
    flag: 'max-backoff',
    env: AGENT_ENV.maxBackoffSeconds,
    fallback: () => '60',
    help: 'longest wait between reconnect attempts',
  },
  {
    key: 'sshHost',
    flag: 'ssh-host',
    env: AGENT_ENV.sshHost,
    help: 'SSH endpoint host to advertise',
  },
  {
    key: 'sshPort',
    flag: 'ssh-port',
    env: AGENT_ENV.sshPort,
    help: 'SSH endpoint port',
  },
  {
    key: 'sshUser',
    flag: 'ssh-user',
    env: AGENT_ENV.sshUser,
    help: 'SSH user',
  },
  {
    key: 'workspace',
    flag: 'workspace',
    env: AGENT_ENV.workspace,
    fallback: defaultWorkspace,
    help: 'where terminals start and commands run (default ~/workspace, else ~)',
  },
  {
    key: 'shell',
    flag: 'shell',
    env: AGENT_ENV.shell,
    fallback: defaultShell,
    help: "the terminals' login shell (default the user's)",
  },
  {
    key: 'terminalIdleSeconds',
    flag: 'terminal-idle-timeout',
    env: AGENT_ENV.terminalIdleSeconds,
    fallback: () => '900',
    help: 'seconds a terminal nobody is attached to lives on',
  },
];

function defaultWorkspace(env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? os.homedir();
  const workspace = path.join(home, 'workspace');
  return fs.existsSync(workspace) ? workspace : home;
}

/** The user's login shell, unless it is one that refuses logins; then $SHELL, then /bin/bash. */
function defaultShell(env: NodeJS.ProcessEnv): string {
  let shell: string | null | undefined;
  try {
    shell = os.userInfo().shell;
  } catch {
    // no passwd entry for this uid (some containers)
  }
  if (shell && !/(nologin|\/false)$/.test(shell)) return shell;
  return env.SHELL || '/bin/bash';
}

/** Where the token may come from besides SINDRI_AGENT_TOKEN: a file only its owner can read. */
export const TOKEN_FILE = {
  flag: 'token-file',
  env: AGENT_ENV.tokenFile,
} as const;

/**
 * Reads the token file: it must be a regular file of this user that no one
 * else may read or write (mode 0600 or stricter), as ssh insists of its keys.
 */
export function readTokenFile(file: string): string {
  const name = `--${TOKEN_FILE.flag} / ${TOKEN_FILE.env}`;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new Error(
      `${name}: cannot read ${file}: ${
        (error as NodeJS.ErrnoException).code ?? error
      }`,
    );
  }
  if (!stat.isFile()) throw new Error(`${name}: ${file} is not a file`);
  if ((stat.mode & 0o077) !== 0) {
    throw new Error(
      `${name}: ${file} is readable or writable by others (mode ${(
        stat.mode & 0o777
      ).toString(8)}); chmod 600 it`,
    );
  }
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid())
    throw new Error(`${name}: ${file} belongs to another user`);
  return fs.readFileSync(file, 'utf8').trim();
}

/** How an error names a setting: its flag and variable (the token: its variable and the token file's flag). */
function nameOf(s: (typeof SETTINGS)[number]): string {
  if (s.flag) return `--${s.flag} / ${s.env}`;
  return s.key === 'token' ? `${s.env} / --${TOKEN_FILE.flag}` : s.env;
}

/** Flags win over environment variables, which win over defaults; the token comes from the environment or a file. */
export function resolveConfig(
  flags: Record<string, string | undefined>,
  env: NodeJS.ProcessEnv,
): AgentConfig {
  const raw: Record<string, string | undefined> = {};
  for (const s of SETTINGS) {
    raw[s.key] =
      (s.flag ? flags[s.flag] : undefined) ?? env[s.env] ?? s.fallback?.(env);
  }
  const tokenFile = flags[TOKEN_FILE.flag] ?? env[TOKEN_FILE.env];
  if (tokenFile !== undefined) {
    if (env[AGENT_ENV.token])
      throw new Error(
        `SINDRI_AGENT_TOKEN and --${TOKEN_FILE.flag} / ${TOKEN_FILE.env}: give the token one way only`,
      );
    raw.token = readTokenFile(tokenFile);
  }
  const parsed = agentConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const setting = SETTINGS.find(s => s.key === issue.path[0]);
    const name = setting ? nameOf(setting) : String(issue.path[0]);
    throw new Error(
      `${name}: ${
        raw[issue.path[0] as string] === undefined
          ? 'is required'
          : issue.message
      }`,
    );
  }
  return parsed.data;
}
