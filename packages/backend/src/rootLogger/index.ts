export {
  createRootLogger,
  rootLoggerServiceFactory,
} from './rootLoggerServiceFactory';
