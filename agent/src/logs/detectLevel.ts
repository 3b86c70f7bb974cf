import { LogLevel } from '@internal/plugin-sindri-common';

const LEVELS: Array<[RegExp, LogLevel]> = [
  [/\b(error|err|fatal|critical|crit|panic)\b/i, 'error'],
  [/\b(warn|warning)\b/i, 'warn'],
  [/\b(info|notice)\b/i, 'info'],
  [/\b(debug|trace)\b/i, 'debug'],
];

/** The level a line states in its first 64 characters (`ERROR`, `[warn]`, `level=info`...), if any. */
export function detectLevel(line: string): LogLevel | undefined {
  const head = line.slice(0, 64);
  return LEVELS.find(([pattern]) => pattern.test(head))?.[1];
}
