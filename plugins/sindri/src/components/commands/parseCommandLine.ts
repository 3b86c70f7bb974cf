import { parse } from 'shell-quote';
import { LIVE_LIMITS } from '@internal/plugin-sindri-common';

export type ParsedCommandLine =
  | { argv: string[]; error?: undefined }
  | { error: string; argv?: undefined };

const NO_SHELL = 'Commands run without a shell';
const ALTERNATIVE = 'Quote it to pass it as a plain argument, or use a script.';

/** Finds what a shell would treat specially but shell-quote lets through: open quotes, backticks, a leading ~. */
function scan(line: string): string | undefined {
  let quote: "'" | '"' | undefined;
  let wordStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === '\\') {
      i += 1;
    } else if (c === '`') {
      return `\` (command substitution) needs a shell. ${NO_SHELL}. ${ALTERNATIVE}`;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '~' && wordStart) {
      return `~ is not expanded: ${NO_SHELL.toLowerCase()}. Write the full path, or quote it.`;
    }
    wordStart = quote === undefined && /\s/.test(c);
  }
  return quote
    ? `The ${quote === "'" ? 'single' : 'double'} quote is not closed.`
    : undefined;
}

/**
 * Splits a command line into argv the way a POSIX shell would split words,
 * but rejects everything else a shell would do (operators, redirections,
 * globs, variables, substitutions): the instance runs the argv directly.
 */
export function parseCommandLine(line: string): ParsedCommandLine {
  const trimmed = line.trim();
  if (!trimmed) return { error: 'Enter a command, e.g. uname -a' };
  const problem = scan(trimmed);
  if (problem) return { error: problem };

  const argv: string[] = [];
  for (const entry of parse(trimmed, name => ({ env: name }))) {
    if (typeof entry === 'string') {
      argv.push(entry);
    } else if ('env' in entry) {
      const ref = entry.env ? `$${entry.env}` : '$(…)';
      return {
        error: `${ref} would be expanded by a shell. ${NO_SHELL}, so it is not. Use single quotes to pass it literally, or use a script.`,
      };
    } else if ('comment' in entry) {
      return { error: `# starts a comment in a shell. ${ALTERNATIVE}` };
    } else if (entry.op === 'glob') {
      return {
        error: `${entry.pattern} is a glob pattern. ${NO_SHELL}, so nothing expands it. ${ALTERNATIVE}`,
      };
    } else {
      return {
        error: `${entry.op} is a shell operator (pipes, redirections, &&, ; and & need a shell). ${NO_SHELL}. ${ALTERNATIVE}`,
      };
    }
  }

  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0])) {
    return {
      error: `${
        argv[0]
      } before the program sets a variable in a shell. ${NO_SHELL}: use env ${
        argv[0]
      } ${argv[1] ?? 'program'} ..., or a script.`,
    };
  }
  if (argv.some(arg => arg === ''))
    return { error: 'Empty arguments (\'\' or "") cannot be sent.' };
  if (argv.length > LIVE_LIMITS.maxArgs)
    return { error: `At most ${LIVE_LIMITS.maxArgs} arguments.` };
  const encoder = new TextEncoder();
  const long = argv.find(
    arg => encoder.encode(arg).length > LIVE_LIMITS.maxArgBytes,
  );
  if (long !== undefined)
    return {
      error: `An argument is longer than ${
        LIVE_LIMITS.maxArgBytes
      } bytes: ${long.slice(0, 40)}…`,
    };
  return { argv };
}
