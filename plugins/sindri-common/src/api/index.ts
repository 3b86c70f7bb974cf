export * from './health';
export * from './instances';
export * from './deployments';
export * from './metrics';
export * from './events';
export * from './alerts';
export * from './logs';
export * from './extensions';
