import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import { formatIssue } from './formatIssue';

/** One thing wrong with a sindri.yaml: where (a JSON pointer, '' for the document) and what. */
export interface SindriConfigIssue {
  pointer: string;
  message: string;
}

export interface SindriConfigVerdict {
  valid: boolean;
  issues: SindriConfigIssue[];
  /** the parsed document, when the text was YAML */
  document?: unknown;
}

/** `pointer: message`, or `(root): message` for the document itself. */
export function describeIssue(issue: SindriConfigIssue): string {
  return `${issue.pointer || '(root)'}: ${issue.message}`;
}

/** Errors ajv reports inside a oneOf/anyOf branch, a `not`, or for an `if`: the CLI reports only the keyword itself. */
function reportedByCli(error: ErrorObject): boolean {
  if (error.keyword === 'if') return false;
  return !/\/(oneOf|anyOf)\/\d+\/|\/not\//.test(error.schemaPath);
}

/**
 * Validates sindri.yaml against Sindri's `sindri.schema.json` the way the
 * Sindri CLI's `config validate` does: the same verdict, the same JSON
 * pointers, messages in its words.
 */
export class SindriConfigValidator {
  private readonly validate: ValidateFunction;

  constructor(schema: object) {
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      verbose: true,
      validateSchema: false,
      // formats ajv does not know (uri) are left unchecked, without a warning at every load
      logger: false,
    });
    this.validate = ajv.compile(schema);
  }

  /** Checks a parsed document. */
  check(document: unknown): SindriConfigVerdict {
    if (this.validate(document)) return { valid: true, issues: [], document };
    const errors = (this.validate.errors ?? []).filter(reportedByCli);
    const issues: SindriConfigIssue[] = [];
    const grouped = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      if (error.keyword !== 'additionalProperties') {
        issues.push({
          pointer: error.instancePath,
          message: formatIssue(error),
        });
        continue;
      }
      // the CLI names every unexpected property of an object in one issue
      const key = `${error.instancePath} ${error.schemaPath}`;
      if (!grouped.has(key)) {
        grouped.set(key, []);
        issues.push({ pointer: error.instancePath, message: key });
      }
      grouped.get(key)!.push(error);
    }
    for (const issue of issues) {
      const group = grouped.get(issue.message);
      if (group) {
        issue.message = formatIssue(
          group[0],
          group
            .slice(1)
            .map(
              e =>
                (e.params as { additionalProperty: string }).additionalProperty,
            ),
        );
      }
    }
    return { valid: false, issues, document };
  }

  /** Checks sindri.yaml text: YAML errors first, then the schema. */
  checkText(text: string): SindriConfigVerdict {
    const parsed = parseDocument(text, { prettyErrors: false });
    if (parsed.errors.length) {
      return {
        valid: false,
        issues: parsed.errors.map(e => ({
          pointer: '',
          message: `YAML parsing error: ${e.message}`,
        })),
      };
    }
    return this.check(parsed.toJS());
  }
}
