import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(__dirname, '../../../..');
const prettierBin = require.resolve('prettier/bin-prettier.js', {
  paths: [repo],
});

function prettier(args: string[], input?: string) {
  return spawnSync(process.execPath, [prettierBin, ...args], {
    cwd: repo,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('the repository', () => {
  jest.setTimeout(150_000);

  it('checks the plugins with the repository config: an unformatted source file is reported', () => {
    const sloppy = prettier(
      ['--check', '--stdin-filepath', 'plugins/sindri-backend/src/plugin.ts'],
      'const a = {b:1}\n',
    );
    expect(sloppy.status).not.toBe(0);
    const tidy = prettier(
      ['--check', '--stdin-filepath', 'plugins/sindri-backend/src/plugin.ts'],
      'const a = { b: 1 };\n',
    );
    expect(tidy.status).toBe(0);
  });

  it("is formatted with Backstage's Prettier config (fix with `yarn prettier --write .`)", () => {
    const result = prettier(['--list-different', '.']);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([]);
    expect(result.status).toBe(0);
  });
});
