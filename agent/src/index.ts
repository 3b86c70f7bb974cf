export { main } from './main';
export { AGENT_VERSION } from './version';
