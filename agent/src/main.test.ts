import { PassThrough } from 'node:stream';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { main } from './main';
import packageJson from '../package.json';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', chunk => (text += chunk));
  return { stream, text: () => text };
}

describe('sindri-agent CLI', () => {
  it('prints its package version', async () => {
    const out = capture();
    await expect(main(['--version'], out.stream)).resolves.toBe(0);
    expect(out.text()).toBe(`${packageJson.version}\n`);
  });

  it('rejects an unknown option with exit code 2 and the usage', async () => {
    const out = capture();
    const err = capture();
    await expect(main(['--bogus'], out.stream, err.stream)).resolves.toBe(2);
    expect(err.text()).toMatch(/^sindri-agent: .*--bogus/);
    expect(err.text()).toContain('Usage: sindri-agent');
    expect(out.text()).toBe('');
  });

  it('runs as the sindri-agent executable', async () => {
    const bin = path.resolve(__dirname, '../bin/sindri-agent');
    const { stdout } = await promisify(execFile)(bin, ['--version']);
    expect(stdout.trim()).toBe(packageJson.version);
  });
});
