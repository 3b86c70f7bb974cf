import fs from 'node:fs/promises';
import path from 'node:path';
import {
  extensionFileSchema,
  InvalidExtension,
  SindriConfigValidator,
  SindriExtension,
} from '@internal/plugin-sindri-common';
import { toSindriExtension } from './loadRegistry';

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name);

/** An organisation's own extensions: those that loaded, and those that did not with why. */
export interface CustomExtensions {
  extensions: SindriExtension[];
  invalid: InvalidExtension[];
}

/**
 * Reads `<dir>/<name>/extension.yaml` files. Each is checked against Sindri's
 * `extension.schema.json` (as the registry's own are written to it), must be
 * named as its directory and not as a registry extension, and may depend on
 * registry extensions and on other custom ones that loaded. One that fails
 * any of these is listed with its errors and not loaded at all.
 */
export async function loadCustomExtensions(
  dir: string,
  schema: object,
  registry: readonly SindriExtension[],
): Promise<CustomExtensions> {
  const validator = new SindriConfigValidator(schema);
  const registryNames = new Set(registry.map(e => e.name));
  const invalid: InvalidExtension[] = [];
  const loaded: Array<{ file: string; ext: SindriExtension }> = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries.filter(e => e.isDirectory()).sort(byName)) {
    const file = path.join(dir, entry.name, 'extension.yaml');
    const fail = (errors: InvalidExtension['errors']) =>
      invalid.push({ file, name: entry.name, errors });
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      fail([
        {
          pointer: '',
          message: `cannot be read (${
            (error as NodeJS.ErrnoException).code ?? error
          })`,
        },
      ]);
      continue;
    }
    const verdict = validator.checkText(text);
    if (!verdict.valid) {
      fail(verdict.issues);
      continue;
    }
    const parsed = extensionFileSchema.safeParse(verdict.document);
    if (!parsed.success) {
      fail(
        parsed.error.issues.map(i => ({
          pointer: `/${i.path.join('/')}`,
          message: i.message,
        })),
      );
      continue;
    }
    const ext = toSindriExtension(parsed.data);
    const errors: InvalidExtension['errors'] = [];
    if (ext.name !== entry.name)
      errors.push({
        pointer: '/metadata/name',
        message: `is "${ext.name}" but its directory is "${entry.name}"`,
      });
    if (registryNames.has(ext.name))
      errors.push({
        pointer: '/metadata/name',
        message: `"${ext.name}" is a registry extension: a custom one needs a name of its own`,
      });
    if (errors.length) fail(errors);
    else loaded.push({ file, ext: { ...ext, custom: true } });
  }

  // dependencies name the registry or custom extensions that load; one on a refused extension is refused too
  let accepted = loaded;
  for (;;) {
    const known = new Set([...registryNames, ...accepted.map(l => l.ext.name)]);
    const refused = accepted.filter(l =>
      l.ext.dependencies.some(d => !known.has(d)),
    );
    if (!refused.length) break;
    for (const { file, ext } of refused)
      invalid.push({
        file,
        name: ext.name,
        errors: ext.dependencies
          .map((d, i) => ({ d, i }))
          .filter(({ d }) => !known.has(d))
          .map(({ d, i }) => ({
            pointer: `/metadata/dependencies/${i}`,
            message: `"${d}" is neither a registry extension nor a custom one that loaded`,
          })),
      });
    accepted = accepted.filter(l => !refused.includes(l));
  }
  return {
    extensions: accepted.map(l => l.ext),
    invalid: invalid.sort((a, b) => a.file.localeCompare(b.file)),
  };
}
