/** The agent's log: one line per message on stderr, never the token. */
export interface AgentLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function consoleLogger(
  stream: NodeJS.WritableStream = process.stderr,
): AgentLogger {
  const write = (level: string, message: string) =>
    stream.write(`${new Date().toISOString()} ${level} ${message}\n`);
  return {
    info: m => write('info', m),
    warn: m => write('warn', m),
    error: m => write('error', m),
  };
}
