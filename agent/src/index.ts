export { main } from './main';
export { Agent } from './Agent';
export { resolveConfig } from './config';
export type { AgentConfig } from './config';
export { AGENT_VERSION } from './version';
