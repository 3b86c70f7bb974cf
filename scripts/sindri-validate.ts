// yarn sindri:validate FILE...  — checks sindri.yaml files as `sindri config validate` does.
// The schema comes from the registry: --registry DIR, SINDRI_REGISTRY_PATH, or this repository's registry/sindri-v3.
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  loadSindriConfigValidator,
  validateFiles,
} from '@internal/plugin-sindri-node';

const { values, positionals } = parseArgs({
  options: { registry: { type: 'string' } },
  allowPositionals: true,
});
const registry =
  values.registry ??
  process.env.SINDRI_REGISTRY_PATH ??
  path.resolve(__dirname, '../registry/sindri-v3');
process.exitCode = validateFiles(
  positionals,
  loadSindriConfigValidator(registry),
  line => process.stdout.write(`${line}\n`),
);
