export * from './health';
export * from './instances';
