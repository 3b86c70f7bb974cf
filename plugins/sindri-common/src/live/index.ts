export * from './limits';
export * from './dataFrame';
export * from './liveFrames';
export * from './terminalSocket';
export * from './commands';
