export { sindriPlugin as default } from './plugin';
