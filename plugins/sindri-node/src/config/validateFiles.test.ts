import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadSindriConfigValidator } from './loadSindriConfigValidator';
import { validateFiles } from './validateFiles';

const repo = path.resolve(__dirname, '../../../..');
const registry = path.join(repo, 'registry/sindri-v3');
const validator = loadSindriConfigValidator(registry);

describe('validateFiles', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-validate-files-'));
  const valid = path.join(dir, 'valid.yaml');
  fs.writeFileSync(
    valid,
    'version: "3.0"\nname: ok\ndeployment: { provider: docker }\nextensions: { profile: minimal }\n',
  );
  const example = path.join(registry, 'examples/runpod-spot.yaml');

  const run = (files: string[]) => {
    const lines: string[] = [];
    return { code: validateFiles(files, validator, l => lines.push(l)), lines };
  };

  it('exits 0 when every file is valid', () => {
    expect(run([valid])).toEqual({ code: 0, lines: [`${valid}: valid`] });
  });

  it('exits 1 and names each error of each invalid file', () => {
    const { code, lines } = run([
      valid,
      example,
      path.join(dir, 'missing.yaml'),
    ]);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${valid}: valid`,
      `${example}: invalid`,
      '  - (root): "extensions" is a required property',
      '  - /deployment/resources/gpu/tier: "rtx4090" is not one of "gpu-small", "gpu-medium" or 2 other candidates',
      "  - /providers/runpod: Additional properties are not allowed ('gpuType' was unexpected)",
      `${path.join(dir, 'missing.yaml')}: invalid`,
      expect.stringMatching(/^ {2}- \(root\): cannot read the file: ENOENT/),
    ]);
  });

  it('runs as `yarn sindri:validate`', () => {
    const script = spawnSync(
      process.execPath,
      [
        '-r',
        '@backstage/cli/config/nodeTransform.cjs',
        path.join(repo, 'scripts/sindri-validate.ts'),
        valid,
        example,
      ],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    );
    expect(script.status).toBe(1);
    expect(script.stdout.split('\n')[1]).toBe(`${example}: invalid`);
    const ok = spawnSync(
      process.execPath,
      [
        '-r',
        '@backstage/cli/config/nodeTransform.cjs',
        path.join(repo, 'scripts/sindri-validate.ts'),
        valid,
      ],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
  }, 60_000);
});
