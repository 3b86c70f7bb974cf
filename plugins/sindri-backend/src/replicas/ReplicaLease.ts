import crypto from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ReplicaStore } from './ReplicaStore';

/**
 * This backend process's lease among the replicas sharing the database. A
 * replica is taken for stopped once its lease has run out; it only judges
 * others after holding its own lease for a whole lease period, so after a
 * database outage (when no replica could renew) nobody settles the work of a
 * replica that is merely catching up.
 */
export class ReplicaLease {
  readonly id = crypto.randomUUID();
  private healthySince: number;
  private failing = false;

  constructor(
    private readonly store: ReplicaStore,
    private readonly options: {
      leaseMs: number;
      /** how other replicas reach this one: its Sindri base URL */
      internalUrl?: string;
      logger: LoggerService;
      now?: () => number;
    },
  ) {
    this.healthySince = this.now();
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  get leaseMs() {
    return this.options.leaseMs;
  }

  async register(): Promise<void> {
    const now = this.now();
    await this.store.register({
      id: this.id,
      internalUrl: this.options.internalUrl,
      now: new Date(now),
      leaseMs: this.options.leaseMs,
    });
    this.healthySince = now;
  }

  /** How other replicas reach this one, once its HTTP server listens. */
  async setInternalUrl(url: string): Promise<void> {
    this.options.internalUrl = url;
    await this.store.register({
      id: this.id,
      internalUrl: url,
      now: new Date(this.now()),
      leaseMs: this.options.leaseMs,
    });
  }

  /** Extends the lease; run well within it (a third of it, on a local schedule). */
  async renew(): Promise<void> {
    const now = this.now();
    try {
      const held = await this.store.renew(
        this.id,
        new Date(now + this.options.leaseMs),
      );
      if (!held) {
        this.options.logger.warn(
          'This replica was taken for stopped by another (its lease ran out) and its unfinished work settled; it registers again',
        );
        await this.register();
      }
      if (this.failing) {
        this.failing = false;
        this.healthySince = now;
      }
    } catch (error) {
      this.failing = true;
      throw error;
    }
  }

  /** Gives the lease up at a graceful stop, so others settle what is left at once. */
  async release(): Promise<void> {
    await this.store.expire(this.id, new Date(this.now() - 1));
  }

  /** Replicas whose lease ran out, as judged now: none until this one has been healthy for a lease period. */
  async gone(): Promise<string[]> {
    const now = this.now();
    if (this.failing || now < this.healthySince + this.options.leaseMs)
      return [];
    return (await this.store.expired(new Date(now))).filter(
      id => id !== this.id,
    );
  }

  /** At start: replicas whose lease has run out (stopped gracefully, or crashed more than a lease ago). */
  async goneAtStart(): Promise<string[]> {
    return (await this.store.expired(new Date(this.now()))).filter(
      id => id !== this.id,
    );
  }
}
