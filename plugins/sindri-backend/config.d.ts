import { HumanDuration } from '@backstage/types';

export interface Config {
  sindri?: {
    metrics?: {
      retention?: {
        /** How long raw samples (and heartbeats) are kept. Default: 24 hours. */
        raw?: HumanDuration | string;
        /** How long 5-minute averages are kept. Default: 7 days. */
        fiveMinute?: HumanDuration | string;
        /** How long hourly averages (and events) are kept. Default: 90 days. */
        hour?: HumanDuration | string;
      };
    };
    ingest?: {
      rateLimit?: {
        /** Frames per second one instance may send on average. Default: 20. */
        framesPerSecond?: number;
        /** Frames one instance may send in a burst, e.g. its buffer after a reconnect. Default: 600. */
        burst?: number;
      };
    };
    terminal?: {
      /**
       * Store every terminal session's keystrokes (table terminal_input), not only
       * the audit row (who, instance, start, end, bytes, exit code). Default: false.
       */
      recordInput?: boolean;
    };
  };
}
