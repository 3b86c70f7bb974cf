import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

describe('the files generated from openapi.yaml', () => {
  it('are what the spec generates now (run yarn openapi:generate after changing it)', () => {
    const check = spawnSync(
      process.execPath,
      ['scripts/openapi-generate.mjs', '--check'],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect({ status: check.status, stderr: check.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
  });
});
