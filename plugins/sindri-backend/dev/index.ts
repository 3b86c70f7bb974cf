// Runs the plugin alone against the root app-config: `yarn start` in this folder.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('../src'));
backend.start();
