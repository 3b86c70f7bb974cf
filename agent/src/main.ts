import { Agent } from './Agent';
import { parseCli, USAGE } from './cli';
import { resolveConfig } from './config';
import { consoleLogger } from './log';
import { AGENT_VERSION } from './version';

/** Entry point of the `sindri-agent` command; resolves to the exit code. */
export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let command;
  try {
    command = parseCli(argv);
  } catch (error) {
    err.write(`sindri-agent: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'version') {
    out.write(`${AGENT_VERSION}\n`);
    return 0;
  }
  if (command.kind === 'help') {
    out.write(USAGE);
    return 0;
  }
  let config;
  try {
    config = resolveConfig(command.flags, env);
  } catch (error) {
    err.write(`sindri-agent: ${(error as Error).message}\n`);
    return 2;
  }
  const logger = consoleLogger(err);
  const agent = new Agent(config, logger);
  await agent.start();
  logger.info(
    `sindri-agent ${AGENT_VERSION} reporting ${config.name} to ${config.consoleUrl}`,
  );
  return new Promise(resolve => {
    const stop = () => {
      logger.info('stopping: delivering buffered samples (up to 5 s)');
      agent.flushAndStop(5000).then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
