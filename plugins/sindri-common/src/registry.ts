import type { components } from './schema/openapi.generated';
import { z } from 'zod';

/**
 * Schemas for the files of a Sindri v3 extension registry: `registry.yaml`,
 * `extensions/<name>/extension.yaml` and `profiles.yaml`. They check the
 * fields this project reads and let every other field through, because the
 * authoritative JSON Schemas belong to Sindri and grow between releases.
 */

const extensionName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'must be lower-case letters, digits and dashes',
  );

export const registryFileSchema = z.object({
  version: z.string(),
  extensions: z.record(
    extensionName,
    z.looseObject({
      category: z.string(),
      description: z.string(),
    }),
  ),
});

export type RegistryFile = z.infer<typeof registryFileSchema>;

export const bomToolSchema = z.looseObject({
  name: z.string(),
  version: z.string().optional(),
  source: z.string().optional(),
  type: z.string().optional(),
  license: z.string().optional(),
  homepage: z.string().optional(),
  purl: z.string().optional(),
});

export type BomTool = z.infer<typeof bomToolSchema>;

export const extensionFileSchema = z.looseObject({
  metadata: z.looseObject({
    name: extensionName,
    version: z.string(),
    description: z.string(),
    category: z.string(),
    dependencies: z.array(extensionName).optional(),
  }),
  requirements: z
    .looseObject({
      domains: z.array(z.string()).optional(),
      diskSpace: z.number().optional(),
      memory: z.number().optional(),
      installTime: z.number().optional(),
    })
    .optional(),
  install: z.looseObject({ method: z.string() }),
  bom: z.looseObject({ tools: z.array(bomToolSchema).optional() }).optional(),
});

export type ExtensionFile = z.infer<typeof extensionFileSchema>;

export const profilesFileSchema = z.object({
  version: z.string(),
  display_order: z.array(z.string()).optional(),
  profiles: z.record(
    z.string(),
    z.looseObject({
      description: z.string(),
      extensions: z.array(extensionName),
    }),
  ),
});

export type ProfilesFile = z.infer<typeof profilesFileSchema>;

/** What an extension.yaml says an install needs (hosts it reaches, disk, memory, expected duration), as the API answers it. */
export type ExtensionRequirements =
  components['schemas']['Extension']['requirements'];

/** One extension as the portal uses it: registry entry joined with its extension.yaml. */
export interface SindriExtension {
  name: string;
  version: string;
  description: string;
  category: string;
  dependencies: string[];
  installMethod: string;
  requirements: ExtensionRequirements;
  bom: BomTool[];
  /** an organisation's own extension, loaded from its configured directory, not the registry */
  custom?: boolean;
}

/** A custom extension.yaml that was not loaded, with every reason, each at its JSON pointer. */
export type InvalidExtension =
  components['schemas']['ExtensionRegistry']['invalid'][number];

/** One named extension profile from `profiles.yaml`. */
export interface SindriProfile {
  name: string;
  description: string;
  extensions: string[];
}
