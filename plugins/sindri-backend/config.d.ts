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
    logs?: {
      retention?: {
        /** How long log lines are kept. Default: 7 days. */
        maxAge?: HumanDuration | string;
        /** At most this many bytes of log text per instance; the oldest lines go first. Default: 52428800 (50 MiB). */
        maxBytesPerInstance?: number;
      };
    };
    alerts?: {
      /**
       * How often alert rules are evaluated against the stored data and due
       * messages sent (once across replicas). Default: 30.
       */
      evaluationIntervalSeconds?: number;
      /**
       * The key (at least 32 characters) that alert channels' secrets — webhook
       * signing keys, Slack webhook URLs, PagerDuty routing keys — are encrypted
       * with in the database. Without it no channel with a secret can be added.
       * Changing it makes the stored secrets unreadable: set them again.
       * @visibility secret
       */
      secretKey?: string;
    };
    ingest?: {
      rateLimit?: {
        /** Frames per second one instance may send on average. Default: 20. */
        framesPerSecond?: number;
        /** Frames one instance may send in a burst, e.g. its buffer after a reconnect. Default: 600. */
        burst?: number;
        /**
         * Live frames (terminal output, command output) one instance may send per
         * second; over it, its connection is not read for a moment (nothing is
         * dropped). Default: 5000.
         */
        liveFramesPerSecond?: number;
        /** Live frames in a burst. Default: 10000. */
        liveBurst?: number;
      };
    };
    /** Agent connections. */
    agents?: {
      /**
       * Agent connections silent for this long are pinged (an agent reporting
       * at least this often never is); one that does not answer is closed and
       * its instance marked unresponsive within two of it. Default: 10 seconds.
       */
      keepaliveInterval?: HumanDuration | string;
      /**
       * How often each replica looks whether tokens were taken away anywhere (a
       * revision counter in the database), so a token revoked on another replica ends
       * its connections too. Default: 1 second.
       */
      tokenCheckInterval?: HumanDuration | string;
      /**
       * The agent bundle the portal serves to instances (`GET /agent/install.sh`,
       * `GET /agent/bundle`): a directory holding `sindri-agent.cjs` and its
       * `manifest.json`, as `yarn agent:bundle` writes them. Relative paths are
       * taken from the backend's working directory. Without it, or before the
       * bundle is built, those routes answer 503 saying so.
       */
      bundleDir?: string;
    };
    audit?: {
      /**
       * How long the audit is kept once a session, run or operation has ended:
       * terminal sessions (and recorded keystrokes), command runs and lifecycle
       * operations. It outlives the instance it is about. Default: 365 days.
       */
      retention?: HumanDuration | string;
    };
    replicas?: {
      /**
       * How long a backend replica's lease lasts without being renewed (each
       * replica renews it every third of it). A replica whose lease ran out is
       * taken for stopped: another settles its unfinished lifecycle operations
       * and queued commands and takes over the local instances it hosted. A
       * graceful stop gives the lease up at once. Replicas' clocks must agree
       * to well within it (NTP). Default: 30 seconds.
       */
      lease?: HumanDuration | string;
      /**
       * How the other replicas reach this one's Sindri routes: its base URL,
       * e.g. http://10.0.3.7:7007/api/sindri. Default: this host's name and the
       * port the backend listens on.
       */
      internalUrl?: string;
    };
    terminal?: {
      /**
       * Store every terminal session's keystrokes (table terminal_input), not only
       * the audit row (who, instance, start, end, bytes, exit code). Keystrokes
       * hold whatever was typed, passwords included: they are shown only to
       * audit readers, marked sensitive. Default: false.
       */
      recordInput?: boolean;
      /**
       * How often the permission of every open terminal is asked again: a user
       * whose role no longer grants sindri.instance.terminal is disconnected
       * (close code 4403). Default: 30 seconds.
       */
      permissionRecheckInterval?: HumanDuration | string;
    };
    /** What instances cost: the estimate from list prices and the time they ran. */
    cost?: {
      /**
       * Rates that replace the shipped price tables' (a negotiated price) or
       * price what they do not (own hardware: docker, kubernetes, local are 0
       * unless set). `item` as in the tables: vcpu, memory-gb, volume-gb,
       * gpu:<tier>, a Fly.io preset, `<cloud>:<type>` for devpod.
       */
      rates?: Array<{
        provider: string;
        item: string;
        price: number;
        unit: 'second' | 'hour' | '30-days' | 'gb-month';
        region?: string;
        /** where the rate comes from, shown beside it; default: the operator's rate */
        source?: string;
      }>;
      /** When a running instance counts as idle. */
      idle?: {
        /** Days without a terminal session or command. Default: 3. */
        days?: number;
        /** CPU p95 over those days must be under this, in percent. Default: 5. */
        cpuPercent?: number;
        /** Network throughput above this is told as activity (not judged). Default: 16 KiB/s. */
        networkKiBPerSecond?: number;
      };
      /** When a smaller size is recommended. */
      rightSizing?: {
        /** Days of hourly samples needed first. Default: 7. */
        minDays?: number;
        /** Room kept above the p95 use, in percent. Default: 30. */
        headroomPercent?: number;
      };
    };
    /** What instances have installed and expose. */
    security?: {
      /** The advisory source: OSV's API, or an organisation's mirror of it. */
      osv?: {
        /** Default: https://api.osv.dev */
        url?: string;
        /** How often package versions due are checked (once across replicas). Default: 5 minutes. */
        syncInterval?: HumanDuration | string;
        /** A package version is asked about again after this long. Default: 24 hours. */
        recheckAfter?: HumanDuration | string;
      };
      /** An agent token older than this many days is reported stale. Default: 90. */
      tokenRotationDays?: number;
    };
    /** Creating instances and running their lifecycle. */
    deployments?: {
      /** Where each instance's work dir (its sindri.yaml, the CLI's files, a local instance) lives. Default: data/sindri-deployments. */
      workDir?: string;
      /** The backend URL new instances' agents phone home to. Default: backend.baseUrl. */
      consoleUrl?: string;
      /** The driver used when a request names none: local or sindri-cli. Default: the first configured. */
      defaultDriver?: string;
      /** How long one driver operation (deploy, stop, ...) may take. Default: 30 minutes. */
      operationTimeout?: HumanDuration | string;
      /** How long a new or resumed instance's agent has to register before the operation fails. Default: 10 minutes. */
      registrationTimeout?: HumanDuration | string;
      /**
       * How long a deploy then waits for the instance's entity to show in the catalog, so the
       * link it ends with opens it; past it, the deploy still succeeds. { seconds: 0 } for a backend without
       * the catalog. Default: 30 seconds.
       */
      catalogTimeout?: HumanDuration | string;
      /**
       * The provider organisations the platform deploys into. A sindri.yaml naming
       * another one sets the guarded field "provider-organization", which only
       * roles allowed it may (sindri.permissions.allowedFields). Default: none.
       */
      organizations?: {
        /** providers.fly.organization */
        fly?: string[];
        /** providers.e2b.team */
        e2b?: string[];
        /** providers.northflank.projectName */
        northflank?: string[];
        /** providers.devpod.gcp.project */
        gcp?: string[];
        /** providers.devpod.azure.subscription */
        azure?: string[];
        /** providers.devpod.azure.resourceGroup */
        azureResourceGroup?: string[];
      };
    };
    /** The Sindri CLI. With a path, the sindri-cli driver deploys to the providers Sindri supports. */
    cli?: {
      /** Path of the `sindri` binary (or a wrapper), e.g. the one install-sindri-cli.sh prints. */
      path?: string;
    };
    drivers?: {
      /**
       * The local driver: an instance is a work dir on the portal's host and a
       * supervised sindri-agent. For a laptop or a demo; not for production:
       * the agents (and so every terminal and command on a local instance) run
       * as the portal's own OS user and can read its files, other local
       * instances' tokens and the backend's environment. Enable it only where
       * everyone who may create instances is trusted with the portal host.
       */
      local?: {
        /** Default: false. */
        enabled?: boolean;
        /** argv that starts sindri-agent. Default: ["sindri-agent"]. */
        agentCommand?: string[];
        /**
         * The local driver refuses to start unless the backend listens on a
         * loopback address only (backend.listen.host: 127.0.0.1): true runs it on
         * any address, e.g. in a single-user VM. Default: false.
         */
        allowNonLoopback?: boolean;
      };
    };
  };
}
