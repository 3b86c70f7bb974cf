import fs from 'node:fs';
import {
  describeIssue,
  SindriConfigValidator,
} from '@internal/plugin-sindri-common';

/**
 * `sindri:validate FILE...` for template repositories' CI: prints `FILE: valid`,
 * or `FILE: invalid` and one `  - <json-pointer or (root)>: <message>` line per
 * error in the Sindri CLI's terms. Resolves to the exit code: 0 when every
 * file is valid, 1 otherwise, 2 when no file was named.
 */
export function validateFiles(
  files: string[],
  validator: SindriConfigValidator,
  out: (line: string) => void,
): number {
  if (files.length === 0) {
    out('usage: sindri:validate FILE... (sindri.yaml files)');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      failed += 1;
      out(`${file}: invalid`);
      out(`  - (root): cannot read the file: ${(error as Error).message}`);
      continue;
    }
    const verdict = validator.checkText(text);
    if (verdict.valid) {
      out(`${file}: valid`);
      continue;
    }
    failed += 1;
    out(`${file}: invalid`);
    for (const issue of verdict.issues) out(`  - ${describeIssue(issue)}`);
  }
  return failed ? 1 : 0;
}
