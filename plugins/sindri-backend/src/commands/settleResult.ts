import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CommandResult,
  CommandResultState,
} from '@internal/plugin-sindri-common';
import { EventService } from '../events/EventService';
import { CommandStore, ResultRef } from './CommandStore';

/** Stores and announces a command result, and puts it on the timeline (never its command or output); resolves to whether it was stored. */
export async function settleResult(
  deps: { store: CommandStore; logger: LoggerService; events: EventService },
  ref: ResultRef,
  result: Partial<CommandResult> & { state: CommandResultState },
  emit: (r: CommandResult) => void,
): Promise<boolean> {
  const final: CommandResult = {
    instance: ref.instanceName,
    stdout: '',
    stderr: '',
    stdoutBytes: 0,
    stderrBytes: 0,
    endedAt: new Date().toISOString(),
    ...result,
  };
  let stored = true;
  try {
    await deps.store.updateResult(ref.id, final);
  } catch (error) {
    stored = false;
    deps.logger.error(
      `Result of command ${ref.runId} on ${ref.instanceName} not stored: ${error}`,
    );
  }
  emit(final);
  if (stored)
    deps.events.note({
      type: 'command-run',
      instance: { id: ref.instanceId, name: ref.instanceName },
      severity: final.state === 'succeeded' ? 'info' : 'warning',
      message: `command ${final.state}${
        final.exitCode === undefined || final.exitCode === null
          ? ''
          : ` (exit code ${final.exitCode})`
      }`,
      data: {
        state: final.state,
        ...(typeof final.exitCode === 'number'
          ? { exitCode: final.exitCode }
          : {}),
        ...(final.durationMs === undefined
          ? {}
          : { durationMs: final.durationMs }),
      },
      subject: { kind: 'command', id: ref.runId },
    });
  return stored;
}
