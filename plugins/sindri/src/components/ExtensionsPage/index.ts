export { ExtensionsPage } from './ExtensionsPage';
