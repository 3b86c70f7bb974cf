import packageJson from '../package.json';

export const AGENT_VERSION: string = packageJson.version;
