import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  extensionFileSchema,
  profilesFileSchema,
  registryFileSchema,
  SindriExtension,
  SindriProfile,
} from '@internal/plugin-sindri-common';

/** The extensions and profiles of one Sindri registry directory. */
export interface LoadedRegistry {
  /** registry.yaml's `version` */
  version: string;
  extensions: SindriExtension[];
  profiles: SindriProfile[];
}

/** A registry file that is missing, unreadable or not of the expected shape. */
export class RegistryFileError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'RegistryFileError';
  }
}

async function readYaml<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new RegistryFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new RegistryFileError(file, `is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : '(root)';
    throw new RegistryFileError(file, `${where}: ${issue.message}`);
  }
  return parsed.data;
}

/** What the portal keeps of an extension.yaml. */
export function toSindriExtension(
  ext: z.infer<typeof extensionFileSchema>,
  fallbackDescription = '',
): SindriExtension {
  return {
    name: ext.metadata.name,
    version: ext.metadata.version,
    description: ext.metadata.description || fallbackDescription,
    category: ext.metadata.category,
    dependencies: ext.metadata.dependencies ?? [],
    installMethod: ext.install.method,
    requirements: {
      domains: ext.requirements?.domains ?? [],
      diskSpaceMb: ext.requirements?.diskSpace,
      memoryMb: ext.requirements?.memory,
      installTimeSeconds: ext.requirements?.installTime,
    },
    bom: ext.bom?.tools ?? [],
  };
}

/**
 * Reads a Sindri v3 registry laid out as in the Sindri repository:
 * `registry.yaml`, `profiles.yaml` and `extensions/<name>/extension.yaml`.
 * Every registry entry must have its extension.yaml, and every dependency and
 * profile member must name a registry entry.
 */
export async function loadRegistry(dir: string): Promise<LoadedRegistry> {
  const registry = await readYaml(path.join(dir, 'registry.yaml'), registryFileSchema);

  const extensions = await Promise.all(
    Object.entries(registry.extensions).map(async ([name, entry]) => {
      const file = path.join(dir, 'extensions', name, 'extension.yaml');
      const ext = await readYaml(file, extensionFileSchema);
      if (ext.metadata.name !== name) {
        throw new RegistryFileError(file, `metadata.name is "${ext.metadata.name}" but the registry lists it as "${name}"`);
      }
      return toSindriExtension(ext, entry.description);
    }),
  );

  const known = new Set(extensions.map(e => e.name));
  for (const ext of extensions) {
    const missing = ext.dependencies.find(d => !known.has(d));
    if (missing) {
      throw new RegistryFileError(
        path.join(dir, 'extensions', ext.name, 'extension.yaml'),
        `metadata.dependencies names "${missing}", which is not in registry.yaml`,
      );
    }
  }

  const profilesFile = path.join(dir, 'profiles.yaml');
  const profilesYaml = await readYaml(profilesFile, profilesFileSchema);
  const order = profilesYaml.display_order ?? Object.keys(profilesYaml.profiles);
  const names = [...new Set([...order, ...Object.keys(profilesYaml.profiles)])];
  const profiles = names
    .filter(name => profilesYaml.profiles[name])
    .map(name => {
      const profile = profilesYaml.profiles[name];
      const missing = profile.extensions.find(e => !known.has(e));
      if (missing) {
        throw new RegistryFileError(profilesFile, `profiles.${name}.extensions names "${missing}", which is not in registry.yaml`);
      }
      return { name, description: profile.description, extensions: profile.extensions };
    });

  extensions.sort((a, b) => a.name.localeCompare(b.name));
  return { version: registry.version, extensions, profiles };
}
