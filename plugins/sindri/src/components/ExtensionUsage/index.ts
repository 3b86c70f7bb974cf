export { ExtensionUsageMatrix } from './ExtensionUsageMatrix';
