import {
  CommandSpec,
  commandSpecSchema,
  LIVE_LIMITS,
} from '@internal/plugin-sindri-common';
import { parseCommandLine } from './parseCommandLine';

/** The command form as typed. */
export interface CommandDraft {
  mode: 'line' | 'script';
  line: string;
  script: string;
  timeoutSeconds: string;
}

export const emptyDraft = (): CommandDraft => ({
  mode: 'line',
  line: '',
  script: '#!/bin/bash\nset -euo pipefail\n\n',
  timeoutSeconds: String(LIVE_LIMITS.defaultCommandTimeoutSeconds),
});

export type CheckedDraft =
  | { command: CommandSpec; timeoutSeconds: number; error?: undefined }
  | { error: string; field: 'command' | 'timeout' };

/** What the draft would send, or why it cannot be sent. */
export function checkDraft(draft: CommandDraft): CheckedDraft {
  let command: CommandSpec;
  if (draft.mode === 'line') {
    const parsed = parseCommandLine(draft.line);
    if (parsed.error !== undefined)
      return { error: parsed.error, field: 'command' };
    command = { argv: parsed.argv };
  } else {
    if (!draft.script.startsWith('#!')) {
      return {
        error: 'A script must start with an interpreter line, e.g. #!/bin/bash',
        field: 'command',
      };
    }
    if (
      new TextEncoder().encode(draft.script).length > LIVE_LIMITS.maxScriptBytes
    ) {
      return {
        error: `A script may be at most ${
          LIVE_LIMITS.maxScriptBytes / 1024
        } KiB.`,
        field: 'command',
      };
    }
    command = { script: draft.script };
  }
  const checked = commandSpecSchema.safeParse(command);
  if (!checked.success)
    return {
      error: checked.error.issues[0]?.message ?? 'Invalid command',
      field: 'command',
    };

  const timeoutSeconds = Number(draft.timeoutSeconds);
  const { minCommandTimeoutSeconds: min, maxCommandTimeoutSeconds: max } =
    LIVE_LIMITS;
  if (
    !Number.isInteger(timeoutSeconds) ||
    timeoutSeconds < min ||
    timeoutSeconds > max
  ) {
    return {
      error: `The timeout is a whole number of seconds from ${min} to ${max}.`,
      field: 'timeout',
    };
  }
  return { command: checked.data, timeoutSeconds };
}
