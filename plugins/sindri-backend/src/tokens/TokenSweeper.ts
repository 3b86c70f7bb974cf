import { LoggerService } from '@backstage/backend-plugin-api';
import { AgentTokenStore } from './AgentTokenStore';

/** Something held open on the strength of an agent token. */
export interface TokenHolder {
  close(code: number, reason: string): void;
}

/** WebSocket close code for a connection whose token was revoked, rotated or removed with its instance. */
export const TOKEN_REVOKED_CLOSE_CODE = 4401;

/**
 * Ends every connection whose agent token is no longer valid: at once for a
 * revocation in this process (`sweep()`), and within an interval for one made
 * by another replica. Each interval it reads the token revision (moved on by
 * every revocation, rotation and removal, on any replica) and checks all held
 * tokens only when it moved; otherwise only the tokens of connections opened
 * since the last check, which may have been revoked between their
 * authentication and their tracking. A database that cannot answer closes
 * nothing.
 */
export class TokenSweeper {
  private readonly holders = new Map<string, Set<TokenHolder>>();
  /** tokens tracked since the last check */
  private readonly fresh = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private lastRevision?: number;
  private checksSinceFull = 0;
  private fullWanted = false;
  private pending = 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AgentTokenStore,
    private readonly logger: LoggerService,
    intervalMs = 1000,
    /** every this many intervals, all held tokens are checked even if the revision did not move */
    private readonly fullCheckEvery = 60,
  ) {
    this.timer = setInterval(() => {
      if (this.pending === 0) void this.run();
    }, intervalMs);
    this.timer.unref?.();
  }

  /** Holds `holder` to `tokenId`; the returned function lets go (the connection closed on its own). */
  track(tokenId: string, holder: TokenHolder): () => void {
    const set = this.holders.get(tokenId) ?? new Set();
    set.add(holder);
    this.holders.set(tokenId, set);
    this.fresh.add(tokenId);
    return () => {
      set.delete(holder);
      if (!set.size && this.holders.get(tokenId) === set)
        this.holders.delete(tokenId);
    };
  }

  /** Checks every held token now (after a revocation here), after any check under way. */
  sweep(): Promise<void> {
    this.fullWanted = true;
    return this.run();
  }

  close(): void {
    clearInterval(this.timer);
  }

  private run(): Promise<void> {
    this.pending += 1;
    const run = this.tail
      .then(() => this.check())
      .finally(() => {
        this.pending -= 1;
      });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async check() {
    const forced = this.fullWanted;
    this.fullWanted = false;
    let revision: number;
    try {
      revision = await this.store.revision();
    } catch (error) {
      this.fullWanted ||= forced;
      this.logger.debug(`Agent tokens not checked: ${error}`);
      return;
    }
    const full =
      forced ||
      revision !== this.lastRevision ||
      this.checksSinceFull + 1 >= this.fullCheckEvery;
    const tokenIds = full
      ? [...this.holders.keys()]
      : [...this.fresh].filter(id => this.holders.has(id));
    this.fresh.clear();
    let valid = new Set<string>();
    try {
      if (tokenIds.length) valid = await this.store.validTokenIds(tokenIds);
    } catch (error) {
      // checked again next time: all of them, or the new ones
      if (full) this.fullWanted = true;
      else tokenIds.forEach(id => this.fresh.add(id));
      this.logger.debug(`Agent tokens not checked: ${error}`);
      return;
    }
    if (full) {
      this.lastRevision = revision;
      this.checksSinceFull = 0;
    } else {
      this.checksSinceFull += 1;
    }
    for (const tokenId of tokenIds) {
      if (valid.has(tokenId)) continue;
      for (const holder of this.holders.get(tokenId) ?? [])
        holder.close(TOKEN_REVOKED_CLOSE_CODE, 'agent token revoked');
      this.holders.delete(tokenId);
    }
  }
}
