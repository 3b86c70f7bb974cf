import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CommandResult,
  CommandResultState,
} from '@internal/plugin-sindri-common';
import { CommandStore, ResultRef } from './CommandStore';

/** Stores and announces a command result; resolves to whether it was stored. */
export async function settleResult(
  deps: { store: CommandStore; logger: LoggerService },
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
  return stored;
}
