import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeIssue,
  SindriConfigValidator,
} from '@internal/plugin-sindri-common';
import { examples } from './validate.examples';

export const VALIDATE_ACTION_ID = 'sindri:config:validate';

/**
 * `sindri:config:validate`: checks a sindri.yaml (text, or the object a
 * template composed) against Sindri's schema exactly as `sindri config
 * validate` does, logs each error by JSON pointer, and fails the step when it
 * is invalid (unless `failOnInvalid` is false).
 */
export function createValidateAction(options: {
  validator: SindriConfigValidator;
}) {
  return createTemplateAction({
    id: VALIDATE_ACTION_ID,
    description:
      "Validates a sindri.yaml against Sindri's schema, as `sindri config validate` does",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        config: z =>
          z
            .union([z.string().min(1), z.record(z.string(), z.unknown())])
            .describe(
              'the sindri.yaml: its text, or the document as an object',
            ),
        failOnInvalid: z =>
          z
            .boolean()
            .default(true)
            .describe('fail the step when the file is invalid')
            .optional(),
      },
      output: {
        valid: z => z.boolean().describe('whether the file is valid'),
        errors: z =>
          z
            .array(z.string())
            .describe('one `<json-pointer or (root)>: <message>` per error'),
      },
    },
    async handler(ctx) {
      const { config, failOnInvalid = true } = ctx.input;
      const verdict =
        typeof config === 'string'
          ? options.validator.checkText(config)
          : options.validator.check(config);
      const errors = verdict.issues.map(describeIssue);
      ctx.output('valid', verdict.valid);
      ctx.output('errors', errors);
      if (verdict.valid) {
        ctx.logger.info('sindri.yaml is valid');
        return;
      }
      ctx.logger.error(
        `sindri.yaml is invalid:\n${errors.map(e => `  - ${e}`).join('\n')}`,
      );
      if (failOnInvalid) {
        throw new InputError(
          `sindri.yaml is invalid (${errors.length} error${
            errors.length === 1 ? '' : 's'
          }): ${errors.join('; ')}`,
        );
      }
    },
  });
}
