export { LogSearch } from './LogSearch';
