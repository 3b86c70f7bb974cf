import fs from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  InvalidExtension,
  SindriConfigValidator,
  SindriExtension,
  SindriProfile,
} from '@internal/plugin-sindri-common';
import { SindriConfigError } from '../ConfigError';
import { loadSindriConfigValidator } from '../config/loadSindriConfigValidator';
import { loadRegistry, RegistryFileError } from './loadRegistry';
import { CustomExtensions, loadCustomExtensions } from './loadCustomExtensions';
import { readRegionHints } from './regionHints';
import {
  CompatibilityMatrix,
  readCompatibilityMatrix,
} from './compatibilityMatrix';

/**
 * The Sindri extension registry the portal works from: the source of the
 * extension entities, the template pickers and the validator's extension list.
 *
 * @public
 */
export interface SindriRegistryService {
  /** registry.yaml's `version`: what the portal's extension figures are read from */
  version(): string;
  /** The registry's extensions and the custom ones that loaded (`custom: true`), by name. */
  listExtensions(): SindriExtension[];
  /** Custom extension files that were refused, with their errors. */
  invalidExtensions(): InvalidExtension[];
  getExtension(name: string): SindriExtension | undefined;
  listProfiles(): SindriProfile[];
  /** Where an extension's extension.yaml is read from (an entity's origin location). */
  extensionFile(name: string): string;
  /** Checks sindri.yaml as `sindri config validate` does, against the registry's schema. */
  validator(): SindriConfigValidator;
  /** Region codes to suggest per provider, from the schema's own examples. */
  regionHints(): Record<string, string[]>;
  /** Which extension versions each CLI release line works with; undefined without a matrix. */
  compatibility(): CompatibilityMatrix | undefined;
}

const SETTING = 'sindri.registry.path';
const CUSTOM_SETTING = 'sindri.registry.customExtensions';

/** Reads the custom extensions named by `sindri.registry.customExtensions`, if any. */
async function customExtensions(
  config: RootConfigService,
  registryDir: string,
  registry: SindriExtension[],
): Promise<CustomExtensions & { dir?: string }> {
  const configured = config.getOptionalString(CUSTOM_SETTING);
  if (!configured) return { extensions: [], invalid: [] };
  const dir = path.resolve(configured);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new SindriConfigError(
      CUSTOM_SETTING,
      `"${configured}" (resolved to ${dir}) is not a directory`,
    );
  const schema = JSON.parse(
    fs.readFileSync(
      path.join(registryDir, 'schemas', 'extension.schema.json'),
      'utf8',
    ),
  );
  return { ...(await loadCustomExtensions(dir, schema, registry)), dir };
}

/**
 * Resolves `sindri.registry.path`. A relative path is taken from the backend's
 * working directory, as Backstage does for `file` catalog locations.
 */
export function resolveRegistryPath(config: RootConfigService): string {
  const configured = config.getOptionalString(SETTING);
  if (!configured) {
    throw new SindriConfigError(SETTING, 'is not set; point it at a Sindri v3 registry directory (the repository ships one in registry/sindri-v3)');
  }
  const dir = path.resolve(configured);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new SindriConfigError(SETTING, `"${configured}" (resolved to ${dir}) is not a directory`);
  }
  return dir;
}

/**
 * Loads the registry named by config. Any problem with the files is reported as
 * a config error on `sindri.registry.path`, naming the file at fault.
 *
 * @public
 */
export async function createSindriRegistry(config: RootConfigService): Promise<SindriRegistryService> {
  const dir = resolveRegistryPath(config);
  let loaded;
  try {
    loaded = await loadRegistry(dir);
  } catch (error) {
    if (error instanceof RegistryFileError) {
      throw new SindriConfigError(SETTING, error.message);
    }
    throw error;
  }
  const custom = await customExtensions(config, dir, loaded.extensions);
  const extensions = [...loaded.extensions, ...custom.extensions].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const byName = new Map(extensions.map(e => [e.name, e]));
  let validator: SindriConfigValidator | undefined;
  let regionHints: Record<string, string[]> | undefined;
  let compatibility: { matrix?: CompatibilityMatrix } | undefined;
  return {
    version: () => loaded.version,
    listExtensions: () => extensions,
    invalidExtensions: () => custom.invalid,
    getExtension: name => byName.get(name),
    listProfiles: () => loaded.profiles,
    extensionFile: name =>
      path.join(
        byName.get(name)?.custom && custom.dir ? custom.dir : path.join(dir, 'extensions'),
        name,
        'extension.yaml',
      ),
    validator: () => (validator ??= loadSindriConfigValidator(dir)),
    regionHints: () => (regionHints ??= readRegionHints(dir)),
    compatibility: () =>
      (compatibility ??= { matrix: readCompatibilityMatrix(dir) }).matrix,
  };
}

/**
 * Service reference for the Sindri registry. The default factory reads
 * `sindri.registry.path` once at start-up, shared by every plugin.
 *
 * @public
 */
export const sindriRegistryServiceRef = createServiceRef<SindriRegistryService>({
  id: 'sindri.registry',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => createSindriRegistry(config),
    }),
});
