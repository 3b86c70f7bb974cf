import fs from 'node:fs';
import path from 'node:path';
import { SindriConfigValidator } from '@internal/plugin-sindri-common';

/** The validator for sindri.yaml, with the schema the registry ships (`schemas/sindri.schema.json`). */
export function loadSindriConfigValidator(
  registryPath: string,
): SindriConfigValidator {
  const file = path.join(registryPath, 'schemas', 'sindri.schema.json');
  return new SindriConfigValidator(JSON.parse(fs.readFileSync(file, 'utf8')));
}
