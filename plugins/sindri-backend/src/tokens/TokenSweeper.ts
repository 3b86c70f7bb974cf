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
 * revocation in this process (`sweep()`), and by a check of the open
 * connections' tokens against the database every interval, which also catches
 * what another replica revoked. A database that cannot answer closes nothing.
 */
export class TokenSweeper {
  private readonly holders = new Map<string, Set<TokenHolder>>();
  private readonly timer: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly store: AgentTokenStore,
    private readonly logger: LoggerService,
    intervalMs = 1000,
  ) {
    this.timer = setInterval(() => void this.sweep(), intervalMs);
    this.timer.unref?.();
  }

  /** Holds `holder` to `tokenId`; the returned function lets go (the connection closed on its own). */
  track(tokenId: string, holder: TokenHolder): () => void {
    const set = this.holders.get(tokenId) ?? new Set();
    set.add(holder);
    this.holders.set(tokenId, set);
    return () => {
      set.delete(holder);
      if (!set.size && this.holders.get(tokenId) === set)
        this.holders.delete(tokenId);
    };
  }

  /** Closes what holds a token that is no longer valid; one check at a time. */
  sweep(): Promise<void> {
    this.sweeping ??= this.check().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async check() {
    const tokenIds = [...this.holders.keys()];
    if (!tokenIds.length) return;
    let valid: Set<string>;
    try {
      valid = await this.store.validTokenIds(tokenIds);
    } catch (error) {
      this.logger.debug(`Agent tokens not checked: ${error}`);
      return;
    }
    for (const tokenId of tokenIds) {
      if (valid.has(tokenId)) continue;
      for (const holder of this.holders.get(tokenId) ?? [])
        holder.close(TOKEN_REVOKED_CLOSE_CODE, 'agent token revoked');
      this.holders.delete(tokenId);
    }
  }
}
