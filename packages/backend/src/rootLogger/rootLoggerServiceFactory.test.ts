import path from 'node:path';
import { PassThrough } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { ConfigReader } from '@backstage/config';
import { transports } from 'winston';
import { createRootLogger } from './rootLoggerServiceFactory';

const repoRoot = path.resolve(__dirname, '../../../..');
const SECRET = 'alert-channel-key-0123456789abcdefghijkl';

async function loggerWritingTo(data: object) {
  const out = new PassThrough();
  const lines: string[] = [];
  out.on('data', chunk => lines.push(...String(chunk).trim().split('\n')));
  const logger = await createRootLogger({
    config: new ConfigReader(data),
    dir: repoRoot,
    transports: [new transports.Stream({ stream: out })],
  });
  const flushed = () => new Promise(resolve => setImmediate(resolve));
  return { logger, lines, flushed };
}

describe('createRootLogger', () => {
  it('redacts every config value that a config.d.ts of the workspace marks secret', async () => {
    const { logger, lines, flushed } = await loggerWritingTo({
      // @visibility secret in plugins/sindri-backend/config.d.ts
      sindri: { alerts: { secretKey: SECRET } },
    });
    logger.info(`the key is ${SECRET}`);
    await flushed();
    expect(lines.join('\n')).toContain('the key is ***');
    expect(lines.join('\n')).not.toContain(SECRET);
  }, 60_000);

  it('applies backend.logger level overrides and refuses an unknown level by its path', async () => {
    const previous = process.env.LOG_LEVEL;
    delete process.env.LOG_LEVEL;
    try {
      const { logger, lines, flushed } = await loggerWritingTo({
        backend: {
          logger: {
            level: 'warn',
            overrides: [{ matchers: { plugin: 'sindri' }, level: 'debug' }],
          },
        },
      });
      logger.child({ plugin: 'sindri' }).debug('sindri detail');
      logger.child({ plugin: 'catalog' }).info('catalog chatter');
      await flushed();
      expect(lines.join('\n')).toContain('sindri detail');
      expect(lines.join('\n')).not.toContain('catalog chatter');

      // 'constructor' is a property of every object, not a level
      for (const level of ['loud', 'constructor']) {
        await expect(
          loggerWritingTo({
            backend: {
              logger: { overrides: [{ matchers: { plugin: 'x' }, level }] },
            },
          }),
        ).rejects.toThrow(/backend\.logger\.overrides\[0\]\.level/);
      }
    } finally {
      if (previous !== undefined) process.env.LOG_LEVEL = previous;
    }
  }, 60_000);

  it('compiles the config.d.ts files without loading TypeScript into the backend process', () => {
    // a process of its own: what a backend run from source has loaded once its logger is made
    const script = `
      const { ConfigReader } = require('@backstage/config');
      const { createRootLogger } = require(${JSON.stringify(
        path.join(__dirname, 'rootLoggerServiceFactory.ts'),
      )});
      createRootLogger({ config: new ConfigReader({}), dir: ${JSON.stringify(
        repoRoot,
      )} }).then(() => {
        const loaded = Object.keys(require.cache).filter(file => /[\\\\/]typescript[\\\\/]lib[\\\\/]/.test(file));
        process.stdout.write('TYPESCRIPT_FILES=' + JSON.stringify(loaded) + '\\n');
      });
    `;
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        '-e',
        script,
      ],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'error' },
        timeout: 60_000,
      },
    );
    const reported = /TYPESCRIPT_FILES=(.*)/.exec(run.stdout)?.[1];
    expect({ status: run.status, reported, stderr: run.stderr }).toEqual({
      status: 0,
      reported: '[]',
      stderr: '',
    });
  }, 90_000);
});
