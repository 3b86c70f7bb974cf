import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import {
  ComposeError,
  composeSindriConfig,
  describeIssue,
  SindriConfigValidator,
} from '@internal/plugin-sindri-common';
import { examples } from './compose.examples';

export const COMPOSE_ACTION_ID = 'sindri:config:compose';

/**
 * `sindri:config:compose`: builds a sindri.yaml from template parameters
 * (name, provider, region, profile and/or extensions, resources, secrets by
 * reference), checks names against the registry and the result against
 * Sindri's schema, and outputs it as an object and as YAML text.
 */
export function createComposeAction(options: {
  validator: SindriConfigValidator;
  registry: { extensions: () => string[]; profiles: () => string[] };
}) {
  return createTemplateAction({
    id: COMPOSE_ACTION_ID,
    description:
      "Builds a sindri.yaml from template parameters and checks it against Sindri's schema",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'instance name: lower-case letters, digits and inner dashes',
            ),
        provider: z =>
          z
            .string()
            .describe(
              'docker, fly, devpod, e2b, kubernetes, runpod or northflank',
            ),
        region: z =>
          z.string().optional().describe('provider region (fly, runpod)'),
        profile: z =>
          z.string().optional().describe('a profile from profiles.yaml'),
        extensions: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'extensions from the registry (in addition to the profile, if any)',
            ),
        image: z => z.string().optional().describe('container image'),
        distro: z =>
          z.string().optional().describe('ubuntu, fedora or opensuse'),
        resources: z =>
          z
            .object({
              memory: z.string().optional(),
              cpus: z.number().optional(),
            })
            .optional()
            .describe('e.g. memory 4GB, cpus 2'),
        secrets: z =>
          z
            .array(z.record(z.string(), z.unknown()))
            .optional()
            .describe(
              'secrets by reference: name and source (env, file, vault), never values',
            ),
      },
      output: {
        config: z =>
          z
            .record(z.string(), z.unknown())
            .describe('the sindri.yaml document'),
        yaml: z => z.string().describe('the sindri.yaml text'),
      },
    },
    async handler(ctx) {
      let config;
      try {
        config = composeSindriConfig(ctx.input as any, {
          extensions: options.registry.extensions(),
          profiles: options.registry.profiles(),
        });
      } catch (error) {
        if (error instanceof ComposeError) throw new InputError(error.message);
        throw error;
      }
      const verdict = options.validator.check(config);
      if (!verdict.valid) {
        throw new InputError(
          `the composed sindri.yaml is invalid: ${verdict.issues
            .map(describeIssue)
            .join('; ')}`,
        );
      }
      const text = yaml.stringify(config);
      ctx.logger.info(`Composed sindri.yaml for ${config.name}:\n${text}`);
      ctx.output('config', config);
      ctx.output('yaml', text);
    },
  });
}
