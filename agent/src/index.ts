export { main } from './main';
export { Agent } from './Agent';
export { resolveConfig } from './config';
export type { AgentConfig } from './config';
export { AGENT_VERSION } from './version';
// the agent's connection, buffer and live channel, for simulated fleets in tests and benches
export { AgentConnection } from './connection/AgentConnection';
export { Outbox } from './outbox';
export { LiveChannel } from './live/LiveChannel';
