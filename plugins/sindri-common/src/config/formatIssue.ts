import type { ErrorObject } from 'ajv';

/** JSON as the Sindri CLI prints an instance: compact, object keys sorted. */
export function cliJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(cliJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map(
        k =>
          `${JSON.stringify(k)}:${cliJson(
            (value as Record<string, unknown>)[k],
          )}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `"a", "b" or "c"`; past three, `"a", "b" or 6 other candidates`. */
function candidates(options: unknown[]): string {
  const shown = options.map(cliJson);
  if (shown.length <= 1) return shown.join('');
  if (shown.length <= 3)
    return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
  return `${shown.slice(0, 2).join(', ')} or ${
    shown.length - 2
  } other candidates`;
}

/** The CLI's regex engine shows `\d` as `[0-9]`. */
const cliPattern = (pattern: string) => pattern.replace(/\\d/g, '[0-9]');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One ajv error as the Sindri CLI (3.x) words it, e.g.
 * `"a100" is not one of "gpu-small", "gpu-medium" or 2 other candidates`.
 * `additionalProperties` errors arrive grouped (see validateSindriConfig).
 */
export function formatIssue(error: ErrorObject, extra: string[] = []): string {
  const instance = cliJson(error.data);
  const p = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'required':
      return `${JSON.stringify(p.missingProperty)} is a required property`;
    case 'additionalProperties': {
      const names = [p.additionalProperty, ...extra]
        .map(n => `'${n}'`)
        .join(', ');
      return `Additional properties are not allowed (${names} ${
        extra.length ? 'were' : 'was'
      } unexpected)`;
    }
    case 'enum':
      return `${instance} is not one of ${candidates(p.allowedValues)}`;
    case 'const':
      return `${cliJson(p.allowedValue)} was expected`;
    case 'type': {
      const types = String(p.type).split(',');
      return types.length === 1
        ? `${instance} is not of type ${JSON.stringify(types[0])}`
        : `${instance} is not of types ${types
            .map(t => JSON.stringify(t))
            .join(', ')}`;
    }
    case 'pattern':
      return `${instance} does not match ${JSON.stringify(
        cliPattern(p.pattern),
      )}`;
    case 'minimum':
      return `${instance} is less than the minimum of ${p.limit}`;
    case 'maximum':
      return `${instance} is greater than the maximum of ${p.limit}`;
    case 'exclusiveMinimum':
      return `${instance} is less than or equal to the minimum of ${p.limit}`;
    case 'exclusiveMaximum':
      return `${instance} is greater than or equal to the maximum of ${p.limit}`;
    case 'minLength':
      return `${instance} is shorter than ${plural(p.limit, 'character')}`;
    case 'maxLength':
      return `${instance} is longer than ${plural(p.limit, 'character')}`;
    case 'minItems':
      return `${instance} has less than ${plural(p.limit, 'item')}`;
    case 'maxItems':
      return `${instance} has more than ${plural(p.limit, 'item')}`;
    case 'uniqueItems':
      return `${instance} has non-unique elements`;
    case 'oneOf':
      return p.passingSchemas
        ? `${instance} is valid under more than one of the schemas listed in the 'oneOf' keyword`
        : `${instance} is not valid under any of the schemas listed in the 'oneOf' keyword`;
    case 'anyOf':
      return `${instance} is not valid under any of the schemas listed in the 'anyOf' keyword`;
    case 'not':
      return `${cliJson(error.schema)} is not allowed for ${instance}`;
    case 'format':
      return `${instance} is not a ${JSON.stringify(p.format)}`;
    default:
      return `${instance}: ${error.message ?? error.keyword}`;
  }
}
