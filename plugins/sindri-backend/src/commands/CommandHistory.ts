import { CommandStore } from './CommandStore';

/** The command runs a reader may see, newest first, without their results. */
export class CommandHistory {
  constructor(private readonly store: CommandStore) {}

  list(query: Parameters<CommandStore['listRuns']>[0]) {
    return this.store.listRuns(query);
  }
}
