/**
 * The environment variables the agent reads, and those the portal sets for
 * it when it deploys an instance. One list for the agent, the drivers and the
 * console-agent extension.
 */
export const AGENT_ENV = {
  consoleUrl: 'SINDRI_CONSOLE_URL',
  token: 'SINDRI_AGENT_TOKEN',
  tokenFile: 'SINDRI_AGENT_TOKEN_FILE',
  instanceName: 'SINDRI_INSTANCE_NAME',
  provider: 'SINDRI_PROVIDER',
  region: 'SINDRI_REGION',
  config: 'SINDRI_CONFIG',
  statusLedger: 'SINDRI_STATUS_LEDGER',
  logSources: 'SINDRI_AGENT_LOG_SOURCES',
  journalDirectory: 'SINDRI_AGENT_JOURNAL_DIR',
  stateDir: 'SINDRI_AGENT_STATE_DIR',
  heartbeatSeconds: 'SINDRI_AGENT_HEARTBEAT_SECONDS',
  metricsSeconds: 'SINDRI_AGENT_METRICS_SECONDS',
  bufferSize: 'SINDRI_AGENT_BUFFER_SIZE',
  maxBackoffSeconds: 'SINDRI_AGENT_MAX_BACKOFF_SECONDS',
  sshHost: 'SINDRI_SSH_HOST',
  sshPort: 'SINDRI_SSH_PORT',
  sshUser: 'SINDRI_SSH_USER',
  workspace: 'SINDRI_WORKSPACE',
  shell: 'SINDRI_AGENT_SHELL',
  terminalIdleSeconds: 'SINDRI_AGENT_TERMINAL_IDLE_SECONDS',
  inventorySeconds: 'SINDRI_AGENT_INVENTORY_SECONDS',
  sindriCli: 'SINDRI_AGENT_SINDRI_CLI',
} as const;

/** What the portal gives every instance it deploys, so its agent can phone home. */
export const ENROLLMENT_ENV = [
  AGENT_ENV.consoleUrl,
  AGENT_ENV.token,
  AGENT_ENV.instanceName,
] as const;
