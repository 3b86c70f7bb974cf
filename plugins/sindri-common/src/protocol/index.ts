export * from './limits';
export * from './registration';
export * from './samples';
export * from './frames';
export * from './logs';
export * from './inventory';
