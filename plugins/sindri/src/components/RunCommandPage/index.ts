export { RunCommandPage } from './RunCommandPage';
