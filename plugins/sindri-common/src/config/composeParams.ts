import { z } from 'zod';
import { SINDRI_PROVIDERS } from '../constants';
import { instanceNameSchema } from '../protocol/registration';

/** A secret by reference: where the deployment reads it, never its value. */
export const secretReferenceSchema = z.object({
  name: z
    .string()
    .regex(
      /^[A-Z][A-Z0-9_]*$/,
      'must be an environment variable name like API_TOKEN',
    ),
  source: z.enum(['env', 'file', 'vault']),
  fromFile: z.string().min(1).optional(),
  required: z.boolean().optional(),
  path: z.string().min(1).optional(),
  mountPath: z.string().min(1).optional(),
  vaultPath: z.string().min(1).optional(),
  vaultKey: z.string().min(1).optional(),
  vaultMount: z.string().min(1).optional(),
});

/** What a template asks for to build a sindri.yaml (`sindri:config:compose`). */
export const composeParamsSchema = z
  .object({
    name: instanceNameSchema,
    provider: z.enum(SINDRI_PROVIDERS),
    region: z.string().min(1).max(64).optional(),
    profile: z.string().min(1).optional(),
    extensions: z.array(z.string().min(1)).max(200).optional(),
    image: z.string().min(1).optional(),
    distro: z.enum(['ubuntu', 'fedora', 'opensuse']).optional(),
    resources: z
      .object({
        memory: z
          .string()
          .regex(/^\d+(MB|GB)$/, 'must be like 4GB or 512MB')
          .optional(),
        cpus: z.number().int().min(1).optional(),
      })
      .optional(),
    secrets: z.array(secretReferenceSchema).max(100).optional(),
  })
  .refine(p => p.profile || p.extensions?.length, {
    message: 'give a profile, extensions, or both',
    path: ['profile'],
  });

export type ComposeParams = z.input<typeof composeParamsSchema>;

/** Providers whose sindri.yaml section takes a region (`providers.<provider>.region`). */
export const PROVIDERS_WITH_REGION = ['fly', 'runpod', 'northflank'] as const;
