import { NotFoundError } from '@backstage/errors';
import {
  FleetInstance,
  TERMINAL_INPUT_VIEW_CHARS,
  TerminalSessionInput,
  TerminalSessionRecord,
} from '@internal/plugin-sindri-common';
import { TerminalAuditStore } from './TerminalAuditStore';

/** The audit of an instance's terminal sessions, as the portal shows it. */
export class TerminalSessionService {
  constructor(private readonly audit: TerminalAuditStore) {}

  /** Newest first; with `openedBy`, only that user's sessions. */
  list(
    instance: FleetInstance,
    options: { limit: number; openedBy?: string },
  ): Promise<TerminalSessionRecord[]> {
    return this.audit.list(instance.id, {
      instanceName: instance.name,
      ...options,
    });
  }

  /** A session's recorded keystrokes (passwords included): always marked sensitive. */
  async input(
    instance: FleetInstance,
    id: string,
  ): Promise<TerminalSessionInput> {
    if (!(await this.audit.get(instance.id, id)))
      throw new NotFoundError(`no terminal session ${id} on ${instance.name}`);
    const { text, truncated } = await this.audit.input(
      id,
      TERMINAL_INPUT_VIEW_CHARS,
    );
    return { id, sensitive: true, input: text, truncated };
  }
}
