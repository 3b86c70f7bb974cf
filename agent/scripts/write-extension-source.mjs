#!/usr/bin/env node
// Writes the console-agent extension folder for an organisation's Sindri
// extension source (a GitHub repository, as Sindri's
// extension-source.schema.json describes it), so instances deployed by the
// real Sindri CLI install the portal's agent:
//
//   yarn sindri:extension-source --out DIR --owner ORG --repo REPO [--base-path v3/extensions]
//
// DIR/<base-path>/console-agent/ holds extension.yaml and install.sh (which
// installs from $SINDRI_CONSOLE_URL), DIR/extension-source.yaml the source's
// configuration. Commit DIR's content to ORG/REPO.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Ajv from 'ajv';
import YAML from 'yaml';

const agentDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const repoRoot = path.resolve(agentDir, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    owner: { type: 'string' },
    repo: { type: 'string' },
    'base-path': { type: 'string', default: 'v3/extensions' },
  },
});
const fail = message => {
  console.error(`sindri:extension-source: ${message}`);
  process.exit(2);
};
if (!values.out) fail('--out DIR: where to write the extension source');
if (!values.owner || !values.repo)
  fail(
    '--owner ORG --repo REPO: the GitHub repository instances fetch extensions from',
  );

const source = {
  github: {
    owner: values.owner,
    repo: values.repo,
    base_path: values['base-path'],
  },
};
const schema = JSON.parse(
  fs.readFileSync(
    path.join(
      repoRoot,
      'registry/sindri-v3/schemas/extension-source.schema.json',
    ),
    'utf8',
  ),
);
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
if (!validate(source))
  fail(
    validate.errors
      .map(e => `${e.instancePath || '(root)'} ${e.message}`)
      .join('; '),
  );

const out = path.resolve(values.out);
const target = path.join(out, values['base-path'], 'console-agent');
fs.mkdirSync(target, { recursive: true });
const from = path.join(agentDir, 'extension/console-agent');
for (const file of fs.readdirSync(from)) {
  fs.copyFileSync(path.join(from, file), path.join(target, file));
  fs.chmodSync(path.join(target, file), file.endsWith('.sh') ? 0o755 : 0o644);
}
fs.writeFileSync(
  path.join(out, 'extension-source.yaml'),
  YAML.stringify(source),
);
console.log(
  `wrote ${path.relative(process.cwd(), target)} and ${path.relative(
    process.cwd(),
    path.join(out, 'extension-source.yaml'),
  )}: commit them to ${values.owner}/${values.repo}`,
);
