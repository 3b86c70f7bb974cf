import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import {
  composeSindriConfig,
  describeIssue,
} from '@internal/plugin-sindri-common';
import { loadSindriConfigValidator } from './loadSindriConfigValidator';

const registry = path.resolve(__dirname, '../../../../registry/sindri-v3');
const examples = path.join(registry, 'examples');
const validator = loadSindriConfigValidator(registry);

/** The real Sindri CLI, when installed: SINDRI_CLI, or where the shared install script puts it. */
function findCli(): string | undefined {
  const candidates = [
    process.env.SINDRI_CLI,
    path.join(os.homedir(), '.cache/sindri-cli/sindri'),
  ];
  return candidates.find(
    c =>
      c && fs.existsSync(c) && spawnSync(c, ['version', '--json']).status === 0,
  );
}

/** `sindri config validate --file F`: its verdict and its `  - <pointer>: <message>` lines. */
function cliVerdict(cli: string, file: string) {
  const run = spawnSync(cli, ['config', 'validate', '--file', file], {
    encoding: 'utf8',
    env: { ...process.env, RUST_BACKTRACE: '0' },
  });
  const issues = run.stderr
    .split('\n')
    .filter(line => line.startsWith('  - '))
    .map(line => {
      const text = line.slice(4);
      const match = /^(\/[^:]*): (.*)$/.exec(text);
      return match ? `${match[1]}: ${match[2]}` : `(root): ${text}`;
    });
  return { valid: run.status === 0, issues: issues.sort() };
}

// documents with one of each kind of error the schema can raise
const crafted: Record<string, string> = {
  'many-errors.yaml': `version: 3
name: Bad_Name
deployment:
  provider: nowhere
  distro: arch
  resources:
    memory: 4G
    cpus: 0
extensions:
  profile: minimal
  active: [nodejs]
secrets:
  - name: lower
    source: file
  - name: OK
    source: vault
    permissions: "999"
`,
  'types.yaml':
    'version: "3.0"\nname: ok\ndeployment:\n  provider: docker\n  resources:\n    cpus: "two"\nextensions: {}\nsecrets: notalist\n',
  'not-an-object.yaml': '- just\n- a list\n',
  'valid.yaml':
    'version: "3.0"\nname: ok\ndeployment: { provider: docker }\nextensions: { profile: minimal }\n',
};

const cli = findCli();
const withCli = cli ? describe : describe.skip;

withCli(
  'sindri.yaml validation agrees with `sindri config validate --file`',
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-validate-'));
    for (const [name, text] of Object.entries(crafted))
      fs.writeFileSync(path.join(dir, name), text);
    const files = [
      ...fs.readdirSync(examples).map(f => path.join(examples, f)),
      ...Object.keys(crafted).map(f => path.join(dir, f)),
    ];

    it('covers the 17 example files', () => {
      expect(
        fs.readdirSync(examples).filter(f => f.endsWith('.yaml')),
      ).toHaveLength(17);
    });

    it('accepts what composeSindriConfig builds', () => {
      const composed = composeSindriConfig(
        {
          name: 'ml-lab',
          provider: 'fly',
          region: 'ams',
          profile: 'minimal',
          extensions: ['python'],
          resources: { memory: '8GB', cpus: 4 },
          secrets: [{ name: 'HF_TOKEN', source: 'env' }],
        },
        { extensions: ['python'], profiles: ['minimal'] },
      );
      const file = path.join(dir, 'composed.yaml');
      fs.writeFileSync(file, yaml.stringify(composed));
      expect(cliVerdict(cli!, file)).toEqual({ valid: true, issues: [] });
    });

    it.each(files.map(f => [path.basename(f), f]))(
      '%s: the same verdict, paths and messages',
      (_name, file) => {
        const expected = cliVerdict(cli!, file);
        const verdict = validator.checkText(fs.readFileSync(file, 'utf8'));
        expect({
          valid: verdict.valid,
          issues: verdict.issues.map(describeIssue).sort(),
        }).toEqual(expected);
      },
    );
  },
);

describe('sindri.yaml validation without the CLI', () => {
  it("names each error by JSON pointer in the CLI's words", () => {
    const verdict = validator.checkText(
      fs.readFileSync(path.join(examples, 'runpod-a100-training.yaml'), 'utf8'),
    );
    expect(verdict.valid).toBe(false);
    expect(verdict.issues.map(describeIssue).sort()).toEqual([
      '(root): "extensions" is a required property',
      '/deployment/resources/gpu/tier: "a100" is not one of "gpu-small", "gpu-medium" or 2 other candidates',
      "/providers/runpod: Additional properties are not allowed ('gpuType', 'networkVolumeId' were unexpected)",
    ]);
  });

  it('reports YAML that does not parse at the document', () => {
    const verdict = validator.checkText('version: "3.0\nname: [ok\n');
    expect(verdict.valid).toBe(false);
    expect(verdict.issues[0]).toMatchObject({
      pointer: '',
      message: expect.stringMatching(/^YAML parsing error: /),
    });
  });

  it('accepts a valid document', () => {
    expect(validator.checkText(crafted['valid.yaml'])).toMatchObject({
      valid: true,
      issues: [],
    });
  });
});
