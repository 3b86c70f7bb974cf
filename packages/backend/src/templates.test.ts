import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import {
  composeSindriConfig,
  withConsoleAgent,
} from '@internal/plugin-sindri-common';
import {
  loadRegistry,
  loadSindriConfigValidator,
} from '@internal/plugin-sindri-node';

const repo = path.resolve(__dirname, '../../..');
const templatesDir = path.join(repo, 'templates');
const registryDir = path.join(repo, 'registry/sindri-v3');
const validator = loadSindriConfigValidator(registryDir);

const location = yaml.parse(
  fs.readFileSync(path.join(templatesDir, 'catalog-info.yaml'), 'utf8'),
);
const templates = (location.spec.targets as string[]).map(target => {
  const file = path.join(templatesDir, target);
  return {
    file,
    dir: path.dirname(file),
    entity: yaml.parse(fs.readFileSync(file, 'utf8')),
  };
});

/** Each template parameter's default, as the form starts out. */
function defaults(entity: any): Record<string, any> {
  const values: Record<string, any> = {};
  for (const page of entity.spec.parameters) {
    for (const [key, property] of Object.entries<any>(page.properties))
      if (property.default !== undefined) values[key] = property.default;
  }
  return values;
}

const ACTIONS = [
  'sindri:config:compose',
  'sindri:config:validate',
  'sindri:deploy',
  'sindri:clone',
];
const FIELDS = [
  'SindriDriverPicker',
  'SindriProfilePicker',
  'SindriExtensionsPicker',
  'SindriRegionPicker',
  'SindriYamlEditor',
  'SindriBudgetEstimate',
  'OwnerPicker',
  'EntityPicker',
];

describe('the templates in templates/', () => {
  it('are the six the location lists, every directory among them', () => {
    expect(templates.map(t => path.basename(t.dir)).sort()).toEqual([
      'clone-instance',
      'fullstack-typescript',
      'java-enterprise',
      'paste-your-own',
      'python-ml',
      'rust-systems',
    ]);
    const dirs = fs
      .readdirSync(templatesDir)
      .filter(d => fs.statSync(path.join(templatesDir, d)).isDirectory());
    expect(dirs.sort()).toEqual(
      templates.map(t => path.basename(t.dir)).sort(),
    );
  });

  it.each(templates.map(t => [path.basename(t.dir), t] as const))(
    '%s: a valid template with TechDocs, using only our actions and fields',
    async (_name, { entity, dir }) => {
      expect(await templateEntityV1beta3Validator.check(entity)).toBe(true);
      expect(entity.metadata.annotations['backstage.io/techdocs-ref']).toBe(
        'dir:.',
      );
      const mkdocs = yaml.parse(
        fs.readFileSync(path.join(dir, 'mkdocs.yml'), 'utf8'),
      );
      for (const page of mkdocs.nav.flatMap((n: Record<string, string>) =>
        Object.values(n),
      )) {
        expect(fs.existsSync(path.join(dir, 'docs', page))).toBe(true);
      }
      for (const step of entity.spec.steps)
        expect(ACTIONS).toContain(step.action);
      const fields = entity.spec.parameters.flatMap((p: any) =>
        Object.values<any>(p.properties)
          .map(v => v['ui:field'])
          .filter(Boolean),
      );
      for (const field of fields) expect(FIELDS).toContain(field);
      expect(['sindri:deploy', 'sindri:clone']).toContain(
        entity.spec.steps.at(-1).action,
      );
    },
  );

  const stacks = templates.filter(
    t => t.entity.spec.steps[0].action === 'sindri:config:compose',
  );

  it.each(stacks.map(t => [path.basename(t.dir), t] as const))(
    "%s: its defaults compose a sindri.yaml that Sindri's schema accepts",
    async (_name, { entity }) => {
      const registry = await loadRegistry(registryDir);
      const values: Record<string, any> = {
        ...defaults(entity),
        name: 'dev-template',
        provider: 'docker',
      };
      const config = composeSindriConfig(
        {
          name: values.name,
          provider: values.provider,
          profile: values.profile,
          extensions: values.extensions,
          resources: { memory: values.memory, cpus: values.cpus },
        },
        {
          extensions: registry.extensions.map(e => e.name),
          profiles: registry.profiles.map(p => p.name),
        },
      );
      expect(validator.check(config).issues).toEqual([]);
      expect(validator.check(withConsoleAgent(config)).issues).toEqual([]);
    },
  );

  it('paste-your-own: its default sindri.yaml is valid', () => {
    const pasted = templates.find(t => t.dir.endsWith('paste-your-own'))!;
    expect(
      validator.checkText(defaults(pasted.entity).sindriYaml).issues,
    ).toEqual([]);
  });

  it.each(templates.map(t => [path.basename(t.dir), t] as const))(
    '%s: its TechDocs build with mkdocs',
    (_name, { dir }) => {
      let mkdocs: string;
      try {
        mkdocs = execFileSync('which', ['mkdocs'], { encoding: 'utf8' }).trim();
      } catch {
        return; // no mkdocs here: the browser test, which needs it, says so
      }
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-'));
      execFileSync(mkdocs, ['build', '--strict', '-q', '-d', out], {
        cwd: dir,
      });
      const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
      expect(html).toContain('<h1');
      // the TechDocs reader waits for every stylesheet and script: none may need the internet
      const external = [
        ...html.matchAll(
          /<(?:link|script)\b[^>]*\b(?:href|src)="(https?:\/\/[^"]+)"/g,
        ),
      ].map(m => m[1]);
      expect(external).toEqual([]);
      fs.rmSync(out, { recursive: true, force: true });
    },
  );
});
