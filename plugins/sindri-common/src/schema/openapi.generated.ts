// Generated from plugins/sindri-backend/src/schema/openapi.yaml by scripts/openapi-generate.mjs: do not edit.
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Health of the Sindri plugin and the database it uses.
     * @description Answers without credentials, like the backend's readiness probe, so that a
     *     load balancer can poll it. It reveals the database client, not its address.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/ingest': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ingest a batch of agent frames (the agent's fallback when it cannot hold a WebSocket).
     * @description Authenticated by the agent's own token (`Authorization: Bearer sindri_...`), not by Backstage
     *     credentials. Each frame is judged on its own: an invalid one is refused alone, in its place
     *     among the results (400 naming `frames.<i>.<field>`), a frame over the rate limit gets 429 and
     *     one the portal could not store 503; the agent sends those two again later. Samples are
     *     stored once per id, so a batch may be resent safely. The whole body must fit 256 KiB.
     */
    post: operations['ingest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agent/install.sh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The script that installs this portal's agent on an instance.
     * @description Authenticated by the instance's own agent token. The script downloads `GET /agent/bundle`
     *     with that token (read from `SINDRI_AGENT_TOKEN`, never put on a command line), checks its
     *     sha256 against the one written into the script, installs the bundle's native dependencies
     *     (node-pty) beside it with npm, and puts a `sindri-agent` launcher in `~/.local/bin`. The
     *     console-agent extension runs it.
     */
    get: operations['getAgentInstallScript'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agent/bundle': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The agent, bundled into one JavaScript file that Node.js runs.
     * @description Authenticated by the instance's own agent token. Headers `X-Sindri-Agent-Version` and
     *     `X-Sindri-Agent-Sha256` say which bundle it is.
     */
    get: operations['getAgentBundle'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agent/connect': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The agent's WebSocket (an upgrade, not an Express route).
     * @description An agent's one outbound connection, upgraded to a WebSocket and authenticated by its
     *     own token (`Authorization: Bearer sindri_...`), not by Backstage credentials.
     *
     *     Text messages are JSON frames:
     *     - ingest frames (`AgentFrame`: register, heartbeat, metrics, event, logs), handled in order
     *       and each answered by a `BackendFrame`: `{type: ack, id}` or
     *       `{type: error, id, status, message}` naming the refused frame's id, with the statuses
     *       of `POST /ingest` (400 invalid, 413 over 256 KiB: dropped by the agent; 409 not
     *       registered yet, 429 over the rate limit, 503 not stored now: sent again later). At
     *       most 256 frames or 4 MiB wait per connection; past that the socket is not read until
     *       they are handled;
     *     - live control frames, `pty-*` (terminals) and `cmd-*` (commands), both ways; the zod
     *       schemas `backendLiveFrameSchema` and `agentLiveFrameSchema` of
     *       `@internal/plugin-sindri-common` (`live/liveFrames.ts`) are authoritative.
     *
     *     Binary messages are terminal data frames,
     *     `[kind: 1 byte][session id length: 1 byte][session id: ASCII][payload]` with kind
     *     1 output and 3 replay (agent to backend) or 2 input (backend to agent); one that does not
     *     decode is answered by an error frame with status 400.
     *
     *     Live frames are rate-limited per instance (`sindri.ingest.rateLimit.liveFramesPerSecond`):
     *     over it the socket is not read for a moment; nothing is dropped. `cmd-exit` and `pty-exit`
     *     are acknowledged (`cmd-exit-ack`, `pty-exit-ack`) once stored; the agent sends them again
     *     on every connect until then.
     *
     *     The backend pings a connection silent for `sindri.agents.keepaliveInterval`; one that does
     *     not answer within half of it is terminated and its instance marked unresponsive. A connection whose token is
     *     revoked, rotated or removed with its instance is closed with 4401 within a second
     *     (`sindri.agents.tokenCheckInterval`). A message over 1 MiB closes the connection with code
     *     1009; an ingest frame the backend fails to answer closes it with 1011 (the agent sends
     *     again what was not answered when it reconnects); the backend closes every connection
     *     with 1001 when it stops. Terminal sessions and
     *     commands that another replica starts reach the agent through this connection's replica
     *     (`GET /internal/agent-links/{instanceId}`).
     */
    get: operations['connectAgent'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/internal/agent-links/{instanceId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Another replica's bridge to an agent connected here (a WebSocket upgrade).
     * @description Backend replicas sharing a database reach an agent connected to another replica through
     *     this socket on that replica (`sindri_agent_links` says which; `sindri_replicas` its
     *     `sindri.replicas.internalUrl`). Only the Sindri plugin's own service credentials are
     *     accepted (a plugin token for `sindri`, from `plugin:sindri`): the calling replica checked
     *     the user's permission first. Refusals are plain HTTP answers with the JSON error body:
     *     401 without valid service credentials, 403 for any other principal, 404 when the agent
     *     is not connected to this replica.
     *
     *     Messages are the agent's live channel, unchanged: text messages are JSON live frames
     *     (`backendLiveFrameSchema` from the calling replica, `agentLiveFrameSchema` back),
     *     binary messages terminal data frames. The agent's frames about a terminal session or
     *     command go back over the bridge that last sent a frame about it; when that bridge
     *     closes they are handled here (a late command end or shell end is stored all the same).
     *     Closed with 4000 when the agent disconnects from this replica, 1001 when it stops.
     */
    get: operations['bridgeAgentLink'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/enrollments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List enrolled instances and the metadata of their current token (never the token).
     * @description Requires `sindri.enrollment.manage`.
     */
    get: operations['listEnrollments'];
    put?: never;
    /**
     * Enroll an instance name for an owner and mint its agent token.
     * @description Requires `sindri.enrollment.manage`. The token is returned once and stored only as a sha256 hash.
     */
    post: operations['createEnrollment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/enrollments/{instanceId}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke the instance's token and mint a new one. */
    post: operations['rotateEnrollmentToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/enrollments/{instanceId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke every token of the instance; its agent can no longer connect. */
    delete: operations['revokeEnrollment'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every registered instance with its newest metrics.
     * @description Requires `sindri.instance.read`.
     */
    get: operations['listInstances'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One registered instance.
     * @description Requires `sindri.instance.read` on `resource:default/<name>`.
     */
    get: operations['getInstance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Metrics time series of an instance.
     * @description Requires `sindri.instance.read`. `1h` is served from raw samples, `24h` from 5-minute and `7d`
     *     from hourly averages unless `resolution` says otherwise. At most 2,000 points, the newest;
     *     `truncated` says some were left out.
     */
    get: operations['getInstanceMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The timeline of an instance, newest first.
     * @description Requires `sindri.instance.read`. What its agent reported, its connection (connected,
     *     disconnected, heartbeat lost, recovered), its lifecycle operations, terminal sessions
     *     and commands. Paged by event id: pass the page's `nextCursor` as `before`.
     */
    get: operations['getInstanceEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The fleet's activity, newest first.
     * @description The events of the instances the caller may read with `sindri.instance.read`, filtered
     *     in the database (a conditional decision becomes a query filter). Paged by event id:
     *     pass the page's `nextCursor` as `before`.
     */
    get: operations['listEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/fleet/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The fleet at a glance, for the overview.
     * @description Over the instances the caller may read with `sindri.instance.read` (a conditional
     *     decision becomes a database filter): health counts, instances by provider and region,
     *     terminal sessions and commands now, lifecycle operations per hour over the last 24 h,
     *     availability per instance (computed every 5 minutes) and the instances using the most
     *     CPU and memory now. `sources` names where each figure comes from.
     */
    get: operations['getFleetSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/extensions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The extension registry, with how the fleet uses it.
     * @description Requires `sindri.extension.read`. Every extension of the registry the portal works from
     *     (`registry.yaml` and each `extension.yaml`): version, category, install method,
     *     dependencies, requirements and bill of materials. `usedBy` and `failedOn` count only the
     *     instances the caller may read with `sindri.instance.read`, from what their agents last
     *     reported (Sindri's ledger); `source` names the registry's version.
     */
    get: operations['listExtensions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/extensions/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One registry extension, and the instances using it.
     * @description Requires `sindri.extension.read`. The extension as `GET /extensions` has it, with the
     *     instances the caller may read (`sindri.instance.read`) whose agent last reported it
     *     installed or its install failed (Sindri's ledger, with Sindri's reason).
     */
    get: operations['getExtension'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/fleet/extensions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Which instance reports which extension.
     * @description Requires `sindri.extension.read`. One row per instance the caller may read
     *     (`sindri.instance.read`) with the extensions its agent last reported installed and those
     *     whose install failed (Sindri's ledger): the usage matrix.
     */
    get: operations['getFleetExtensionUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The fleet in Prometheus exposition format.
     * @description Requires `sindri.metrics.read` (a scraper's static token through Backstage's external
     *     access, or an operator). Instances by status, provider and region, active terminal
     *     sessions, running commands and lifecycle operations are read from the database at each
     *     scrape; `sindri_ingest_frames_total` counts the frames this replica judged.
     */
    get: operations['getPrometheusMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/terminal-sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The terminal audit of an instance, newest first.
     * @description Requires `sindri.instance.read` on `resource:default/<name>`; without
     *     `sindri.instance.audit.read` only the caller's own sessions are listed (a session id
     *     re-attaches to its shell). One row per session: who opened it, when it started and ended,
     *     the bytes typed and received, the exit code, why it ended, and whether its keystrokes were
     *     recorded. The byte counts of a live session are written every 5 seconds and when its last
     *     viewer leaves. Keystrokes are stored only with `sindri.terminal.recordInput`, and served
     *     by `.../terminal-sessions/{id}/input`.
     */
    get: operations['listTerminalSessions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/terminal-sessions/{id}/input': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The recorded keystrokes of a terminal session (sensitive).
     * @description Requires `sindri.instance.read` and `sindri.instance.audit.read` on the instance. What was
     *     typed, passwords included: the answer is marked `sensitive: true`, is not cached, and holds
     *     at most the first 1 MiB of characters (`truncated` says there was more). Empty when the
     *     session was not recorded.
     */
    get: operations['getTerminalSessionInput'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/terminal/{session}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A browser terminal on an instance (a WebSocket upgrade, not an Express route).
     * @description Attaches to the terminal session `session` of the instance, creating its shell if it does
     *     not exist, and relays it through the instance's agent. Requires
     *     `sindri.instance.terminal` on `resource:default/<name>`.
     *
     *     Browsers cannot put a token on a WebSocket, so the upgrade is authenticated by the
     *     Backstage user cookie (`backstage-auth`, issued by `GET /.backstage/auth/v1/cookie` of the
     *     plugin) or by a bearer user token; only users may open terminals, not services. A browser
     *     `Origin` must be the app's, the backend's or a CORS origin. Refusals are plain HTTP
     *     answers with the JSON error body: 400, 401, 403 or 404.
     *
     *     The session id is chosen by the browser; the session belongs to the user who opened it,
     *     and only that user may attach to it, from any number of sockets at once. A socket that
     *     goes away leaves the session running (the agent's idle timer starts when no one is
     *     attached); re-attaching with the same id replays its recent output.
     *
     *     Messages, once upgraded (`TerminalClientMessage` / `TerminalServerMessage` in
     *     `@internal/plugin-sindri-common`, `live/terminalSocket.ts`):
     *     - binary messages carry bytes: keystrokes from the browser (at most 64 KiB each), PTY
     *       output to it;
     *     - text messages carry JSON control. From the browser:
     *       `{type: resize, cols, rows}`;
     *       `{type: ack, bytes}`, the output bytes it has rendered since its last ack;
     *       `{type: close}`, which ends the session for everyone (kills the shell).
     *       To the browser:
     *       `{type: opened, created}` once attached (`created`: a new shell was started), followed
     *       by the replay of up to 256 KiB of recent output in one binary message, if any, then live
     *       output;
     *       `{type: exit, reason: exited|idle|closed|error, exitCode, message?}` when the session ends;
     *       `{type: offline, message}` when the instance's agent is not (or no longer) connected;
     *       `{type: error, message}` before a close for a bad message or a refused attach.
     *
     *     Flow control: the output a socket has been sent but not acknowledged is its lag. While any
     *     socket of the session lags by more than 512 KiB the agent stops reading the PTY, and it
     *     resumes once every socket is under 128 KiB; a socket more than 8 MiB behind is
     *     disconnected instead of holding everyone back.
     *
     *     Close codes: 4000 the session ended; 4001 the agent is offline, reconnect later; 4002 this
     *     socket fell too far behind; 4400 a bad message (not JSON, unknown type, input over
     *     64 KiB); 4403 the session belongs to another user; 4429 the instance already has 16
     *     sessions; 1009 a message over the size limit; 1001 the backend is stopping.
     *
     *     Every session gets an audit row (see `GET /instances/{name}/terminal-sessions`); with
     *     `sindri.terminal.recordInput` its keystrokes are stored too. Any replica serves the socket:
     *     it relays the session through the replica the agent is connected to.
     */
    get: operations['openTerminal'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands/targets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The registered instances a command target selects, and whether the caller may run commands on each.
     * @description A dry run of the `target` of `POST /commands`: names are taken as given (each must be a
     *     registered instance), a catalog filter is asked of the catalog with the caller's
     *     credentials. `permitted` is the caller's `sindri.instance.command` decision on the
     *     instance; instances that are not permitted would be `denied` in a run.
     */
    post: operations['resolveCommandTargets'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The command history, newest first.
     * @description A run is listed for its author and for callers with `sindri.instance.audit.read` on one of
     *     its instances, and only if it reached an instance the caller may read
     *     (`sindri.instance.read`); it then names and counts only those instances (`instances`,
     *     `counts`, `target`). Results and output are served by `GET /commands/{id}`.
     */
    get: operations['listCommands'];
    put?: never;
    /**
     * Run a command on instances chosen by name or by catalog filter.
     * @description Records the run and answers before any instance does. The command reaches at most
     *     `concurrency` instances at once; each gets `timeoutSeconds` to finish, then is killed
     *     (`timeout`). Instances the caller may not run commands on (`sindri.instance.command`) are
     *     `denied`, instances whose agent is not connected `unreachable`; at least one selected
     *     instance must be permitted. Follow the run with `GET /commands/{id}/stream`. The run is
     *     driven by the replica that answered, which reaches each agent through the replica it is
     *     connected to; if that replica stops, queued instances are `cancelled` and running ones
     *     are stored when their agent reports the end to any replica.
     */
    post: operations['startCommand'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One command run with the results of the instances the caller may read.
     * @description Seen by its author and by callers with `sindri.instance.audit.read` on one of its instances
     *     (404 for anyone else), and only through the instances the caller may read. Each result
     *     carries the tail of its output, the last 65536 characters (64 Ki) of stdout and of stderr,
     *     unless `outputHidden` (the caller neither ran it nor may read that instance's audit); the
     *     byte counts are those of the whole output. While the run is live, running results show the
     *     output received so far.
     */
    get: operations['getCommand'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel what has not finished of a run.
     * @description Running commands are killed (`cancelled`), queued ones never start. Allowed to the run's
     *     creator, or to a caller with `sindri.instance.command` on all of its instances. Cancelling
     *     a run that has ended changes nothing.
     */
    post: operations['cancelCommand'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands/{id}/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow a run live, as newline-delimited JSON.
     * @description One `CommandStreamEvent` per line: a `snapshot` of the run first, then `output` chunks and
     *     `result`s as they happen, then `done` with the final run, after which the response ends.
     *     For a run that has already ended, `snapshot` is followed at once by `done`. Only the
     *     instances the caller may read appear. The response is not buffered
     *     (`Cache-Control: no-cache`, `X-Accel-Buffering: no`).
     */
    get: operations['streamCommand'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deployments/options': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What a create form offers.
     * @description Requires `sindri.instance.create`. The drivers this portal has that the caller may use (`sindri.driver.use`), the registry's profiles and extensions, and the providers whose sindri.yaml takes a region.
     */
    get: operations['getDeploymentOptions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/config/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Check a sindri.yaml as `sindri config validate` does.
     * @description Requires `sindri.instance.create`. The verdict and issues (JSON pointer, message in the CLI's words) of Sindri's `sindri.schema.json`.
     */
    post: operations['validateConfig'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deployments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create an instance (or plan one) from a sindri.yaml, or clone one.
     * @description Requires `sindri.instance.create`, `sindri.driver.use` on the driver (the local driver is
     *     for admins), and `sindri.instance.read` on the instance cloned. A user may name as owner
     *     themselves or one of their groups; holders of `sindri.enrollment.manage` anyone. The
     *     sindri.yaml is validated before anything runs (400 naming the JSON paths); fields the CLI
     *     would resolve on the portal's own host are refused (a secret's `fromFile`, `source: file`
     *     or `source: vault`, `providers.devpod.ssh.keyPath`, `providers.k8s.kind.configFile`), and
     *     so are guarded fields the caller may not set (`sindri.config.field.set`: privileged
     *     containers, host networking, Docker-in-Docker other than sysbox, remote Docker hosts,
     *     devpod SSH targets, Kubernetes namespaces and contexts, local clusters, organisations
     *     outside `sindri.deployments.organizations`): 400 naming each. Then the
     *     instance is enrolled (its own agent token is minted), the driver deploys it with the
     *     `console-agent` extension, and the operation waits for its agent to register and for the
     *     catalog to show its entity. A failed deploy is cleaned up: no instance, enrollment or
     *     entity is left. With `dryRun` only the driver's plan runs and nothing is enrolled. Follow the
     *     operation with `GET /operations/{id}/stream`.
     */
    post: operations['createDeployment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/operations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One deploy or lifecycle operation, with its progress lines.
     * @description Requires `sindri.instance.read` on its instance; its log and message only with
     *     `sindri.instance.audit.read` there or to its author (`logHidden` otherwise). A plan (a dry
     *     run) belongs to no instance; its author sees it with `sindri.instance.create`, anyone else
     *     only with `sindri.enrollment.manage` (404 otherwise).
     */
    get: operations['getOperation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/operations/{id}/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow an operation live, as newline-delimited JSON.
     * @description One `OperationStreamEvent` per line, `snapshot` first, then `progress` lines, then `done`,
     *     after which the response ends; an operation another process runs is watched in the store
     *     until it ends, and one past its deadline is failed by a scheduled task, so every stream
     *     ends. Requires what `GET /operations/{id}` does and, for an instance's operation, to see
     *     its log: `sindri.instance.audit.read` on the instance or to have started it.
     */
    get: operations['streamOperation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/deployment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * How the portal deployed an instance, with its stored sindri.yaml.
     * @description Requires `sindri.instance.read`. 404 for an instance enrolled by hand. The sindri.yaml holds
     *     secrets by reference only, never the agent token, and is shown to its author and to readers
     *     with `sindri.instance.audit.read` only.
     */
    get: operations['getInstanceDeployment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/operations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit log of an instance's deploy and lifecycle operations, newest first.
     * @description Requires `sindri.instance.read`; each operation's log and message only with `sindri.instance.audit.read` or to its author (`logHidden` otherwise).
     */
    get: operations['listInstanceOperations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/lifecycle': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Suspend, resume, redeploy or destroy an instance.
     * @description Requires `sindri.instance.lifecycle` on the instance and `sindri.driver.use` on the driver
     *     that deployed it, through which it runs; one operation at a time per instance (409 otherwise). Destroy needs `confirm` equal to
     *     the instance's name; it removes the instance, its token and its entity. Redeploy rotates
     *     the agent token.
     */
    post: operations['runLifecycleAction'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/drift': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether the instance still matches its declared sindri.yaml.
     * @description Requires `sindri.instance.read`. Declared: the stored sindri.yaml's profile, active and
     *     additional extensions, closed over their dependencies; reported: the extensions in the
     *     agent's Sindri ledger and the hash of the sindri.yaml on the instance. Recomputed on each
     *     registration and each configuration change.
     */
    get: operations['getInstanceDrift'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/config/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every sindri.yaml the portal stored for an instance, newest first.
     * @description Requires `sindri.instance.read`; who stored each, when, and the result of the operation that applied it. 404 for an instance enrolled by hand.
     */
    get: operations['listConfigVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/config/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One stored sindri.yaml of an instance, with its text.
     * @description Requires `sindri.instance.read`; the text only for who created the instance or stored this
     *     version, and for readers with `sindri.instance.audit.read` (`sindriYamlHidden` otherwise),
     *     as for the deployment.
     */
    get: operations['getConfigVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/config/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Check an edit of an instance's sindri.yaml before applying it.
     * @description Requires `sindri.instance.lifecycle` on the instance. The verdict of `sindri config
     *     validate`, plus what an update may not change (the name, the provider) and the guarded
     *     fields the caller may not set, each with its JSON pointer.
     */
    post: operations['validateInstanceConfig'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Store an edited sindri.yaml as a new version and apply it (an `update` operation).
     * @description Requires `sindri.instance.lifecycle` on the instance and `sindri.driver.use` on its driver.
     *     The file is validated as by `/instances/{name}/config/validate` (400 naming each JSON
     *     pointer, nothing stored), stored as the next version and redeployed through the
     *     instance's driver, which rotates the agent token as a redeploy does. `baseVersion` is the
     *     version the edit started from: 409 when another was stored since.
     */
    post: operations['applyInstanceConfig'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/cost': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What an instance costs, estimated from list prices and the time it really ran.
     * @description Requires `sindri.instance.read`. The deployed sindri.yaml's resources (or what the agent
     *     reported, for an instance enrolled by hand) priced from the shipped price tables or the
     *     operator's `sindri.cost.rates`, times the hours running and stopped in each of the last 30
     *     days from the instance's status changes (stopped time costs storage only). Every rate
     *     names its source page and date; what no table prices is listed in `missing`.
     */
    get: operations['getInstanceCost'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether an instance is idle, and whether it is bigger than it needs, with the data behind each.
     * @description Requires `sindri.instance.read`. Idle: running, registered for at least
     *     `sindri.cost.idle.days`, no terminal session or command in that window and CPU p95 under
     *     `sindri.cost.idle.cpuPercent`; the last activity of each kind (terminal, command, CPU
     *     above the threshold, network above `sindri.cost.idle.networkKiBPerSecond`) is given with
     *     its time either way. Right-sizing: p95 CPU and memory of the hourly averages of the last
     *     30 days against what the sindri.yaml allocates, once `sindri.cost.rightSizing.minDays`
     *     of them exist; the smaller size is priced as the Cost tab prices.
     */
    get: operations['getInstanceUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/security': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What an instance has installed, the advisories that match it, and what it exposes.
     * @description Requires `sindri.instance.read`. The components its agent reported (sindri bom, dpkg, rpm,
     *     apk, global npm, pip, cargo) with their package URLs; the OSV advisories matching them with
     *     severity from CVSS, fixed versions and when they were first seen; the advisory source's
     *     sync state (never an empty list as "no vulnerabilities" when it could not be asked);
     *     the agent token's age against `sindri.security.tokenRotationDays`, SSH keys, listening
     *     sockets and declared secrets; installed extensions against the registry and the
     *     compatibility matrix.
     */
    get: operations['getInstanceSecurity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/sbom': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The instance's components as a CycloneDX 1.6 JSON document.
     * @description Requires `sindri.instance.read`. 404 until its agent reported what is installed.
     */
    get: operations['getInstanceSbom'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/fleet/security': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Findings across the instances the caller may read.
     * @description Requires `sindri.instance.read`; only readable instances count.
     */
    get: operations['getFleetSecurity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/fleet/sbom': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The readable fleet's components as one CycloneDX 1.6 JSON document.
     * @description Requires `sindri.instance.read`. Each component once, with the instances that have it as `sindri:instance` properties.
     */
    get: operations['getFleetSbom'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/fleet/cost': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Spend of the instances the caller may read, by provider, owner and instance, against the previous period.
     * @description Requires `sindri.instance.read`; only readable instances are counted (a conditional decision becomes a database filter).
     */
    get: operations['getFleetCost'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/budgets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The budgets of the caller's groups (every group's for budget managers), with this month's spend.
     * @description Requires `sindri.budget.read`. A user sees the budgets of the groups they belong to; with
     *     `sindri.budget.manage` every group's. Spend is the month to date of the instances each
     *     group owns (the same estimate, or billing source, as the Cost tab), and the projection
     *     keeps each instance in its current status to the month's end.
     */
    get: operations['listBudgets'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/budgets/estimate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What a new instance would cost its owner to the month's end, against the owner's budget.
     * @description Requires `sindri.instance.create`. The create page asks this as the form changes: the
     *     instance's list-price rate from its sindri.yaml (text or document, or the clone source's
     *     stored one, which needs `sindri.instance.read` on it) × the hours left in the month,
     *     against the owner group's budget and what it is projected to spend. `verdict` is what a
     *     create would meet: `within`, `over` (and `enforcement` says whether it warns or blocks),
     *     or `no-budget`.
     */
    post: operations['estimateBudget'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/budgets/{group}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set a group's monthly budget and how it is enforced.
     * @description Requires `sindri.budget.manage`. `group` is the group's entity ref, URL-encoded.
     */
    put: operations['setBudget'];
    post?: never;
    /**
     * Remove a group's budget.
     * @description Requires `sindri.budget.manage`.
     */
    delete: operations['deleteBudget'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Alerts of the instances the caller may read, newest first.
     * @description The alerts of the instances the caller may read with `sindri.instance.read`, filtered in
     *     the database. `state=open` lists pending and firing ones. Paged by alert id (a ULID):
     *     pass the page's `nextCursor` as `before`.
     */
    get: operations['listAlerts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/alerts/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Where an alert was sent, with every attempt's outcome.
     * @description Requires `sindri.instance.read` on the alert's instance.
     */
    get: operations['listAlertDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/alerts/{id}/acknowledge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Say that someone is on it; records who and when.
     * @description Requires `sindri.alert.respond` on the alert's instance.
     */
    post: operations['acknowledgeAlert'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/alerts/{id}/silence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send nothing more about this alert for a while; records who and until when.
     * @description Requires `sindri.alert.respond` on the alert's instance.
     */
    post: operations['silenceAlert'];
    /**
     * End an alert's silence.
     * @description Requires `sindri.alert.respond` on the alert's instance.
     */
    delete: operations['unsilenceAlert'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/alert-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The alert rules.
     * @description Requires `sindri.alert.read`.
     */
    get: operations['listAlertRules'];
    put?: never;
    /**
     * Add a rule.
     * @description Requires `sindri.alert.manage`.
     */
    post: operations['createAlertRule'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/alert-rules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Change a rule; its open alerts are evaluated against the new rule at the next run.
     * @description Requires `sindri.alert.manage`.
     */
    put: operations['updateAlertRule'];
    post?: never;
    /**
     * Remove a rule; its open alerts resolve at the next run, their history stays.
     * @description Requires `sindri.alert.manage`.
     */
    delete: operations['deleteAlertRule'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/alert-channels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Where alerts can be sent, without their secrets.
     * @description Requires `sindri.alert.manage`. A channel's secret is never returned, only whether it is set.
     */
    get: operations['listAlertChannels'];
    put?: never;
    /**
     * Add a channel; its secret is stored encrypted.
     * @description Requires `sindri.alert.manage` and `sindri.alerts.secretKey` in the configuration.
     */
    post: operations['createAlertChannel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/alert-channels/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Change a channel; without `secret` the stored one is kept.
     * @description Requires `sindri.alert.manage`.
     */
    put: operations['updateAlertChannel'];
    post?: never;
    /**
     * Remove a channel; rules stop sending to it.
     * @description Requires `sindri.alert.manage`.
     */
    delete: operations['deleteAlertChannel'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search the log lines of the instances the caller may read, newest first.
     * @description Lines the agents shipped, of the instances the caller may read with
     *     `sindri.instance.audit.read` (row by row, in the database). `q` matches lines holding every
     *     one of its words (letters and digits; case-insensitive), with the database's full-text
     *     index; each result says where the words are (`highlights`). Paged by line id: pass the
     *     page's `nextCursor` as `before`.
     */
    get: operations['searchLogs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/logs/tail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow the lines of the instances the caller may read as they arrive.
     * @description The live tail of `GET /logs`: the same filters, the same row-by-row permission. Lines come
     *     from the database, so any replica serves them, whichever replica the agent is connected
     *     to. It starts after `after` (or the `Last-Event-ID` header), else at the newest line.
     */
    get: operations['tailLogs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search one instance's log lines, newest first.
     * @description Requires `sindri.instance.audit.read` on the instance. The same search as `GET /logs`.
     */
    get: operations['getInstanceLogs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{name}/logs/tail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow one instance's log lines as they arrive.
     * @description Requires `sindri.instance.audit.read` on the instance. The live tail of `GET /instances/{name}/logs`.
     */
    get: operations['tailInstanceLogs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ExtensionRegistry: {
      source: {
        /** @description The `version` of the registry's registry.yaml. */
        registryVersion: string;
        /** @description Where `usedBy` and `failedOn` come from. */
        usage: string;
      };
      extensions: components['schemas']['Extension'][];
      /** @description Custom extension files that were refused, each with every error at its JSON pointer; none of them is loaded. */
      invalid: {
        file: string;
        name?: string;
        errors: {
          pointer: string;
          message: string;
        }[];
      }[];
    };
    Extension: {
      name: string;
      /** @description The organisation's own extension, from `sindri.registry.customExtensions`, not the registry. */
      custom?: boolean;
      version: string;
      description: string;
      category: string;
      /** @description The extensions it needs directly (extension.yaml `metadata.dependencies`). */
      dependencies: string[];
      installMethod: string;
      requirements: {
        domains: string[];
        diskSpaceMb?: number;
        memoryMb?: number;
        /** @description What the extension.yaml expects an install to take. */
        installTimeSeconds?: number;
      };
      bom: {
        name: string;
        version?: string;
        source?: string;
        type?: string;
        license?: string;
        homepage?: string;
        purl?: string;
      }[];
      /**
       * @description How long installing it took on the readable instances that report it installed: each
       *     one's newest `install_completed.duration_secs` in Sindri's ledger. Absent when none
       *     reported one.
       */
      installTime?: {
        samples: number;
        meanSeconds: number;
        p95Seconds: number;
      };
      /** @description Readable instances whose agent reports it installed. */
      usedBy: number;
      /** @description Readable instances whose agent reports its install failed. */
      failedOn: number;
    };
    ExtensionDetail: components['schemas']['Extension'] & {
      /** @description Where `instances` comes from. */
      usageSource: string;
      instances: {
        name: string;
        /** @enum {string} */
        state: 'installed' | 'failed';
        /** @description Sindri's reason, for a failed install. */
        error?: string;
      }[];
    };
    FleetExtensionUsage: {
      /** @description Where the rows come from. */
      source: string;
      instances: {
        name: string;
        owner: string;
        provider?: string;
        installed: string[];
        failed: string[];
        /**
         * @description The agent could not read Sindri's ledger, so its extensions are not known (not "none").
         * @enum {string}
         */
        ledgerUnknown?: 'missing' | 'unreadable';
      }[];
    };
    FleetSummary: {
      /** Format: date-time */
      generatedAt: string;
      health: {
        running: number;
        unresponsive: number;
        stopped: number;
        unknown: number;
      };
      byProvider: {
        provider: string | null;
        count: number;
      }[];
      byRegion: {
        provider: string | null;
        region: string | null;
        count: number;
      }[];
      live: {
        terminalSessions: number;
        runningCommands: number;
      };
      activity: {
        /** Format: date-time */
        from: string;
        hours: {
          /** Format: date-time */
          hour: string;
          operations: number;
          deployments: number;
          failures: number;
        }[];
      };
      availability: {
        /** Format: date-time */
        computedAt?: string;
        items: {
          instance: string;
          ratio24h: number | null;
          ratio7d: number | null;
        }[];
      };
      top: {
        cpu: {
          instance: string;
          percent: number;
          /** Format: date-time */
          at: string;
        }[];
        memory: {
          instance: string;
          percent: number;
          usedBytes: number;
          totalBytes: number;
          /** Format: date-time */
          at: string;
        }[];
      };
      /** @description Instances by drift status (those whose drift was never computed are not counted). */
      drift: {
        'in-sync': number;
        drifted: number;
        unknown: number;
      };
      /** @description Where each figure comes from. */
      sources: {
        [key: string]: string;
      };
    };
    /** @description A page of events, newest first. */
    EventPage: {
      items: components['schemas']['FleetEvent'][];
      /** @description Pass as `before` for the next (older) page; absent on the last page. */
      nextCursor?: string;
    };
    /** @enum {string} */
    FleetEventType:
      | 'started'
      | 'stopped'
      | 'deploy'
      | 'extension-installed'
      | 'extension-removed'
      | 'extension-failed'
      | 'config-changed'
      | 'agent-warning'
      | 'lifecycle'
      | 'drift'
      | 'connected'
      | 'disconnected'
      | 'heartbeat-lost'
      | 'recovered'
      | 'terminal-opened'
      | 'terminal-closed'
      | 'command-run'
      | 'alert-fired'
      | 'alert-resolved';
    /** @enum {string} */
    EventSeverity: 'info' | 'warning' | 'error';
    /**
     * @description One event, stored once and never changed: flags and reasons, never raw output or secret
     *     values. `id` is a ULID (sortable by time) and the page cursor.
     */
    FleetEvent: {
      id: string;
      /** Format: date-time */
      at: string;
      type: components['schemas']['FleetEventType'];
      severity: components['schemas']['EventSeverity'];
      /** @description The instance's name (it may since have been destroyed). */
      instance?: string;
      message?: string;
      data?: {
        [key: string]: string | number | boolean;
      };
      /** @description What the event concerns, for a link. */
      subject?: {
        /** @enum {string} */
        kind:
          | 'operation'
          | 'command'
          | 'terminal-session'
          | 'extension'
          | 'alert';
        id: string;
      };
    };
    /** @enum {string} */
    AlertSeverity: 'info' | 'warning' | 'critical';
    /**
     * @description What a metric rule compares, from the instance's newest metrics sample: `cpu` (percent
     *     busy), `memory` (percent of memory in use), `disk` and `inodes` (the fullest mount's
     *     percent used).
     * @enum {string}
     */
    AlertMetric: 'cpu' | 'memory' | 'disk' | 'inodes';
    /**
     * @description When a rule holds for an instance. `metric`: the newest sample is above `threshold`;
     *     `heartbeat-lost`: the instance is unresponsive; `operation-failed`: its newest finished
     *     deployment or lifecycle operation of the last 24 h failed; `extension-install-failed`:
     *     its agent reported an extension whose installation failed; `budget-spent`: an owner
     *     group has spent `percent` % of its monthly budget this month; `budget-projected`: a
     *     group's projection to the month's end is over its budget. Budget conditions concern
     *     groups with a budget (the fleet scope: all of them; the group scope: that group) and
     *     resolve when a new month starts or the budget is raised; `advisory`: an OSV advisory
     *     of `minSeverity` or worse matches a package the instance's agent reported. An alert
     *     fires once the condition has held for `forSeconds`.
     */
    AlertCondition:
      | {
          /** @enum {string} */
          kind: 'metric';
          metric: components['schemas']['AlertMetric'];
          threshold: number;
          forSeconds: number;
        }
      | {
          /** @enum {string} */
          kind:
            | 'heartbeat-lost'
            | 'operation-failed'
            | 'extension-install-failed';
          forSeconds: number;
        }
      | {
          /** @enum {string} */
          kind: 'budget-spent';
          percent: number;
          forSeconds: number;
        }
      | {
          /** @enum {string} */
          kind: 'budget-projected';
          forSeconds: number;
        }
      | {
          /** @enum {string} */
          kind: 'advisory';
          minSeverity: components['schemas']['AdvisorySeverity'];
          forSeconds: number;
        };
    /** @description Which instances a rule watches; `ref` is a group's entity ref or an instance's name. */
    AlertScope: {
      /** @enum {string} */
      kind: 'fleet' | 'group' | 'instance';
      ref?: string;
    };
    AlertRuleInput: {
      name: string;
      enabled: boolean;
      condition: components['schemas']['AlertCondition'];
      scope: components['schemas']['AlertScope'];
      severity: components['schemas']['AlertSeverity'];
      /** @description Ids of the channels a firing and a resolved alert are sent to. */
      channels: string[];
      /** @description Whether the instance's owners get a Backstage notification. */
      notifyOwners: boolean;
      /**
       * @description How long the condition must stay false before a firing alert resolves; a flapping
       *     instance keeps one alert firing instead of sending a message at every change.
       */
      resolveAfterSeconds: number;
    };
    AlertRule: components['schemas']['AlertRuleInput'] & {
      /** Format: uuid */
      id: string;
      /** @description Shipped with the portal (it can be changed or removed like any other). */
      builtin: boolean;
      updatedBy?: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /** @enum {string} */
    AlertChannelType: 'webhook' | 'slack' | 'pagerduty';
    /**
     * @description `webhook`: `url`, and `secret` the key its JSON body is signed with (HMAC-SHA256);
     *     `slack`: `secret` the incoming webhook's URL; `pagerduty`: `secret` the integration's
     *     routing key, `url` the Events API v2 endpoint (its public one by default). `secret` is
     *     stored encrypted and never returned; leave it out of an update to keep it.
     */
    AlertChannelInput: {
      name: string;
      type: components['schemas']['AlertChannelType'];
      url?: string;
      secret?: string;
    };
    AlertChannel: {
      /** Format: uuid */
      id: string;
      name: string;
      type: components['schemas']['AlertChannelType'];
      /** @description The endpoint, where it is not itself the secret (never for Slack). */
      url?: string;
      secretSet: boolean;
      updatedBy?: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /**
     * @description One rule's alert on one instance, or (a budget rule's) on one owner group: pending while
     *     its condition has held for less than the rule's duration, firing after, resolved once it
     *     stopped holding. At most one is open per rule and instance or group.
     */
    Alert: {
      id: string;
      ruleId: string;
      ruleName: string;
      /** @description The instance it concerns; absent on a budget alert. */
      instance?: string;
      /** @description The owner group (entity ref) a budget alert concerns. */
      group?: string;
      /** @enum {string} */
      state: 'pending' | 'firing' | 'resolved';
      severity: components['schemas']['AlertSeverity'];
      /** @description The value the condition saw last (a metric rule's percent). */
      value?: number;
      summary: string;
      /** Format: date-time */
      pendingSince: string;
      /** Format: date-time */
      firedAt?: string;
      /** Format: date-time */
      resolvedAt?: string;
      acknowledged?: {
        by: string;
        /** Format: date-time */
        at: string;
      };
      silenced?: {
        by: string;
        /** Format: date-time */
        until: string;
      };
    };
    AlertPage: {
      items: components['schemas']['Alert'][];
      nextCursor?: string;
    };
    /** @description One message about an alert's change to one channel, with its attempts. */
    AlertDelivery: {
      id: number;
      channel: {
        id?: string;
        /** @enum {string} */
        type: 'notifications' | 'webhook' | 'slack' | 'pagerduty';
        name: string;
      };
      /** @enum {string} */
      transition: 'fired' | 'resolved';
      /** @enum {string} */
      state: 'pending' | 'delivered' | 'failed';
      attempts: number;
      lastStatus?: number;
      lastError?: string;
      /** Format: date-time */
      nextAttemptAt?: string;
      /** Format: date-time */
      deliveredAt?: string;
      /** Format: date-time */
      createdAt: string;
    };
    /** @description One line an agent read from its instance's logs, masked for secrets. */
    LogLine: {
      id: string;
      instance: string;
      /** Format: date-time */
      at: string;
      /** @description The file it was read from, or `journald:<unit>`. */
      source: string;
      /** @enum {string} */
      level?: 'error' | 'warn' | 'info' | 'debug';
      text: string;
      /** @description The lifecycle operation running on the instance when the line was stored. */
      operationId?: string;
      /** @description Where the search's words are in `text`, as [start, end) offsets. */
      highlights?: number[][];
    };
    LogPage: {
      items: components['schemas']['LogLine'][];
      nextCursor?: string;
    };
    /** @description The Backstage error body; the message names the offending field, e.g. `target.instances:`. */
    Error: {
      error: {
        /** @example InputError */
        name: string;
        /** @example target.instances: no registered instance named web-9 */
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
    };
    /** @description Exactly one of `config`, `sindriYaml` or `cloneFrom`. `provider` and `region` only with `cloneFrom`. */
    CreateDeploymentRequest: {
      name: string;
      /** @description A user or group entity ref, e.g. group:default/platform. */
      owner: string;
      /** @description local or sindri-cli; the portal's default when absent. */
      driver?: string;
      /** @description A sindri.yaml document. */
      config?: {
        [key: string]: unknown;
      };
      sindriYaml?: string;
      /** @description An instance whose stored sindri.yaml to copy. */
      cloneFrom?: string;
      /** @enum {string} */
      provider?:
        | 'docker'
        | 'fly'
        | 'devpod'
        | 'e2b'
        | 'kubernetes'
        | 'runpod'
        | 'northflank';
      region?: string;
      dryRun?: boolean;
    };
    LifecycleOperation: {
      /** Format: uuid */
      id: string;
      instanceName: string;
      /** @enum {string} */
      kind:
        | 'plan'
        | 'deploy'
        | 'suspend'
        | 'resume'
        | 'redeploy'
        | 'destroy'
        | 'update';
      driver: string;
      /** @enum {string} */
      state: 'running' | 'succeeded' | 'failed' | 'cancelled';
      actor: string;
      /** @description The driver's error, when it failed. */
      message?: string;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt?: string;
      log: string[];
      /** @description The log and message are left out for this reader, who needs `sindri.instance.audit.read` (or to have started the operation). */
      logHidden?: boolean;
    };
    OperationStarted: {
      operation: components['schemas']['LifecycleOperation'];
      /** @description resource:default/<name> */
      entityRef: string;
      /**
       * @description The owner group's budget is enforced with `warn` and this instance's projected cost
       *     runs it over: the remaining budget and the projection, in words. The operation runs.
       */
      budgetWarning?: string;
    };
    /** @description One line of `GET /operations/{id}/stream`. */
    OperationStreamEvent:
      | {
          /** @enum {string} */
          type: 'snapshot';
          operation: components['schemas']['LifecycleOperation'];
        }
      | {
          /** @enum {string} */
          type: 'progress';
          line: string;
        }
      | {
          /** @enum {string} */
          type: 'done';
          operation: components['schemas']['LifecycleOperation'];
        };
    /** @description A driver the portal can deploy with, as it describes itself. */
    DriverOption: {
      id: string;
      title: string;
      /** @description The `deployment.provider` values it deploys to. */
      providers: string[];
    };
    /** @description What was typed in a recorded session; always marked sensitive (passwords included). */
    TerminalSessionInput: {
      id: string;
      /** @enum {boolean} */
      sensitive: true;
      input: string;
      /** @description Only the first 1 MiB of characters is returned. */
      truncated: boolean;
    };
    InstanceDeployment: {
      instanceName: string;
      driver: string;
      /** @enum {string} */
      state:
        | 'deploying'
        | 'running'
        | 'suspending'
        | 'suspended'
        | 'resuming'
        | 'redeploying'
        | 'destroying'
        | 'failed';
      /** @description Absent when hidden from this reader. */
      sindriYaml?: string;
      /** @description The sindri.yaml is left out for this reader, who needs `sindri.instance.audit.read` (or to have created the instance). */
      sindriYamlHidden?: boolean;
      provider: string;
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    DeploymentOptions: {
      drivers: components['schemas']['DriverOption'][];
      defaultDriver?: string;
      profiles: {
        name: string;
        description?: string;
        extensions: string[];
      }[];
      extensions: {
        name: string;
        category?: string;
        description?: string;
      }[];
      providersWithRegion: string[];
      /** @description Region codes to suggest per provider, the examples Sindri's schema gives. */
      regionHints: {
        [key: string]: string[];
      };
    };
    InstanceDrift: {
      /**
       * @description unknown when the portal holds no declared sindri.yaml (enrolled by hand) or the agent has not registered.
       * @enum {string}
       */
      status: 'in-sync' | 'drifted' | 'unknown';
      /** @description Why the status is what it is, in words. */
      reason?: string;
      /** Format: date-time */
      checkedAt?: string;
      declaredVersion?: number;
      /**
       * @description The sindri.yaml on the instance against the one the portal deployed.
       * @enum {string}
       */
      config: 'match' | 'differs' | 'not-reported' | 'not-declared';
      /** @description False for a driver that installs no extensions (the local driver) or a ledger the agent cannot read; drift then covers the sindri.yaml alone. */
      tracksExtensions: boolean;
      declared?: string[];
      missing: string[];
      extra: string[];
      failed: string[];
    };
    ConfigVersion: {
      version: number;
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** @description The version the instance is declared with now. */
      current: boolean;
      operation?: components['schemas']['LifecycleOperation'];
      /** @description Only from the single-version route, and absent when hidden from this reader. */
      sindriYaml?: string;
      sindriYamlHidden?: boolean;
    };
    ConfigApplied: {
      operation: components['schemas']['LifecycleOperation'];
      entityRef: string;
      version: number;
    };
    CostSource: {
      /**
       * @description billing when a billing source module reported the instance's days (its title is the description).
       * @enum {string}
       */
      kind: 'list-price-estimate' | 'billing';
      description: string;
    };
    CostSplit: {
      compute: number;
      gpu: number;
      storage: number;
      total: number;
    };
    RateLine: {
      /** @enum {string} */
      kind: 'compute' | 'gpu' | 'storage';
      /** @enum {string} */
      when: 'running' | 'stopped';
      item: string;
      quantity: number;
      /** @description USD per hour for this quantity. */
      perHour: number;
      source: {
        page: string;
        copyOf?: string;
        date?: string;
        region?: string;
        note?: string;
      };
    };
    InstanceCost: {
      /** @enum {string} */
      currency: 'USD';
      source: components['schemas']['CostSource'];
      /** @enum {string} */
      resourcesFrom: 'stored-sindri-yaml' | 'agent-reported' | 'none';
      resources: {
        provider: string;
        cpus?: number;
        memoryGb?: number;
        diskGb?: number;
        gpu?: {
          tier: string;
          count: number;
        };
        cpuKind?: string;
        region?: string;
        machine?: {
          cloud: string;
          type: string;
        };
      };
      /** @enum {string} */
      status: 'running' | 'unresponsive' | 'stopped' | 'unknown';
      rates: components['schemas']['RateLine'][];
      /** @description What no price table or configured rate prices; the figures leave it out. */
      missing: string[];
      days: {
        date: string;
        runningHours: number;
        stoppedHours: number;
        compute: number;
        gpu: number;
        storage: number;
        total: number;
      }[];
      last30Days: components['schemas']['CostSplit'];
      monthToDate: number;
      /** @description Month to date plus the rest of the month at the rate of the instance's current status. */
      projectedMonthEnd: number;
      /** @description What a day suspended saves against a day running; only while it runs. */
      suspendSavingPerDay?: number;
    };
    FleetCostGroup: {
      key: string;
      total: number;
      previous: number;
    };
    FleetCost: {
      /** @enum {string} */
      currency: 'USD';
      source: components['schemas']['CostSource'];
      /**
       * @description Distinct (user, UTC hour) pairs in the last 30 days in which a user had a terminal
       *     session open on one of these instances or started a command on one.
       */
      activeDeveloperHours: number;
      /** @description total ÷ activeDeveloperHours; absent when there were none. */
      costPerActiveDeveloperHour?: number;
      /** Format: date-time */
      from: string;
      /** Format: date-time */
      to: string;
      /** Format: date-time */
      previousFrom: string;
      total: number;
      previousTotal: number;
      byProvider: components['schemas']['FleetCostGroup'][];
      byOwner: components['schemas']['FleetCostGroup'][];
      instances: {
        name: string;
        owner: string;
        provider: string;
        total: number;
        previous: number;
        missing: string[];
        /** @description The billing source whose bills this instance's figures come from; absent for the list-price estimate. */
        billedBy?: string;
      }[];
    };
    ActivityLast: {
      /** @enum {string} */
      kind: 'terminal' | 'command' | 'cpu' | 'network';
      /**
       * Format: date-time
       * @description Absent when none was ever seen in the data kept.
       */
      lastAt?: string;
      detail: string;
      /** @description Whether it happened within the idle window. */
      withinWindow: boolean;
    };
    IdleVerdict: {
      /** @enum {string} */
      verdict: 'idle' | 'active' | 'not-running' | 'too-new';
      /** @description The idle window, in days. */
      days: number;
      reasons: string[];
      activity: components['schemas']['ActivityLast'][];
      /**
       * Format: date-time
       * @description The last terminal session or command (or the first registration).
       */
      idleSince?: string;
      /** @description What a day running costs over a day suspended, USD (what a suspend saves). */
      costPerDay?: number;
      /** @description costPerDay × the days since idleSince, USD. */
      costSoFar?: number;
    };
    RightSizing: {
      /** @enum {string} */
      verdict:
        | 'insufficient-data'
        | 'unknown-allocation'
        | 'fits'
        | 'oversized';
      message: string;
      data: {
        resolution: string;
        /** Format: date-time */
        from?: string;
        /** Format: date-time */
        to: string;
        days: number;
        samples: number;
        cpuP95Percent?: number;
        memoryP95Gb?: number;
        allocated: {
          cpus?: number;
          memoryGb?: number;
        };
      };
      recommendation?: {
        cpus?: number;
        memoryGb?: number;
        perHourNow: number;
        perHourRecommended: number;
        /** @description (perHourNow − perHourRecommended) × the hours it ran in the last 30 days, USD. */
        savingPer30Days: number;
        runningHoursLast30Days: number;
      };
    };
    InstanceUsage: {
      idle: components['schemas']['IdleVerdict'];
      rightSizing: components['schemas']['RightSizing'];
    };
    InventoryPart: {
      /** Format: uuid */
      id: string;
      hash: string;
      /** Format: date-time */
      collectedAt: string;
      part: number;
      parts: number;
      os?: {
        id: string;
        versionId?: string;
      };
      cli?: {
        version: string;
      };
      sources?: {
        /** @enum {string} */
        source: 'sindri-bom' | 'dpkg' | 'rpm' | 'apk' | 'npm' | 'pip' | 'cargo';
        /** @enum {string} */
        state: 'collected' | 'unavailable' | 'failed';
        count?: number;
        message?: string;
      }[];
      access?: {
        sshKeys: {
          file: string;
          type: string;
          bits?: number;
          fingerprint: string;
          comment?: string;
          weak?: string;
        }[];
        listening: {
          protocol: string;
          address: string;
          port: number;
          process?: string;
          pid?: number;
        }[];
      };
      components: {
        /** @enum {string} */
        source: 'sindri-bom' | 'dpkg' | 'rpm' | 'apk' | 'npm' | 'pip' | 'cargo';
        name: string;
        version: string;
        purl: string;
        extension?: string;
      }[];
    };
    InventoryComponent: {
      /** @enum {string} */
      source: 'sindri-bom' | 'dpkg' | 'rpm' | 'apk' | 'npm' | 'pip' | 'cargo';
      name: string;
      version: string;
      purl: string;
      extension?: string;
    };
    AdvisoryFinding: {
      id: string;
      summary: string;
      severity: components['schemas']['AdvisorySeverity'];
      /** @description The CVSS base score the severity comes from. */
      score?: number;
      vector?: string;
      aliases: string[];
      published?: string;
      modified?: string;
      references: string[];
      package: components['schemas']['InventoryComponent'];
      /** @description The affected versions of this package the advisory states, as ranges or a list. */
      affected: string[];
      /** @description Versions the advisory names as fixed for this package; empty when it names none. */
      fixed: string[];
      /** Format: date-time */
      firstSeenAt: string;
    };
    /**
     * @description The advisory source and its last sync. `lastError` with `lastAttemptAt` after
     *     `lastSuccessAt` means it could not be reached since then: findings may be missing.
     */
    AdvisorySync: {
      url: string;
      /** Format: date-time */
      lastSuccessAt?: string;
      /** Format: date-time */
      lastAttemptAt?: string;
      lastError?: string;
      /** @description Package versions (of these instances) OSV was asked about. */
      checked: number;
      /** @description Package versions of a kind OSV has no advisories for (e.g. pkg:generic). */
      unsupported: number;
      /** @description Package versions not asked about yet. */
      pending: number;
    };
    SecurityAccess: {
      token: {
        createdAt?: string;
        ageDays?: number;
        rotationDays: number;
        stale: boolean;
      };
      /** @description Whether the agent has reported its SSH keys and sockets. */
      reported: boolean;
      sshKeys: {
        file: string;
        type: string;
        bits?: number;
        fingerprint: string;
        comment?: string;
        weak?: string;
      }[];
      listening: {
        protocol: string;
        address: string;
        port: number;
        process?: string;
        pid?: number;
        /** @description Listening on an address other than loopback. */
        exposed: boolean;
      }[];
      secrets: {
        name: string;
        source: string;
      }[];
    };
    ExtensionFreshness: {
      name: string;
      installed?: string;
      registry?: string;
      /** @enum {string} */
      status: 'current' | 'behind' | 'ahead' | 'unknown' | 'not-in-registry';
      /**
       * @description Against the compatibility matrix's range for the instance's Sindri CLI.
       * @enum {string}
       */
      compatible: 'yes' | 'no' | 'unknown';
      range?: string;
    };
    InstanceSecurity: {
      /** @description Absent until the agent reported what is installed. */
      inventory?: {
        hash: string;
        /** Format: date-time */
        collectedAt: string;
        /** Format: date-time */
        receivedAt: string;
        os?: {
          id?: string;
          versionId?: string;
        };
        cli?: {
          version?: string;
        };
        sources: {
          source: string;
          /** @enum {string} */
          state: 'collected' | 'unavailable' | 'failed';
          count?: number;
          message?: string;
        }[];
        componentCount: number;
      };
      components: components['schemas']['InventoryComponent'][];
      advisories: components['schemas']['AdvisoryFinding'][];
      sync: components['schemas']['AdvisorySync'];
      access: components['schemas']['SecurityAccess'];
      freshness: components['schemas']['ExtensionFreshness'][];
    };
    FleetSecurity: {
      sync: components['schemas']['AdvisorySync'];
      instances: number;
      withInventory: number;
      /** @description (instance, advisory) findings by severity. */
      bySeverity: {
        critical: number;
        high: number;
        medium: number;
        low: number;
        unknown: number;
      };
      topAdvisories: {
        id: string;
        summary: string;
        severity: components['schemas']['AdvisorySeverity'];
        score?: number;
        instances: string[];
      }[];
      criticalInstances: {
        name: string;
        critical: number;
      }[];
      staleTokens: {
        name: string;
        ageDays: number;
      }[];
      weakKeys: {
        name: string;
        fingerprint: string;
        type: string;
        bits?: number;
        weak: string;
      }[];
      exposedPorts: {
        name: string;
        address: string;
        port: number;
        process?: string;
      }[];
      /** @description Readable instances whose agent has not reported what is installed. */
      withoutInventory: string[];
    };
    /**
     * @description From the advisory's CVSS base score (9.0+, 7.0+, 4.0+, above 0), else the severity its database gives; unknown when neither does.
     * @enum {string}
     */
    AdvisorySeverity: 'critical' | 'high' | 'medium' | 'low' | 'unknown';
    /**
     * @description What a create, clone or resume that would run the group over its budget meets.
     * @enum {string}
     */
    BudgetEnforcement: 'off' | 'warn' | 'block';
    BudgetInput: {
      monthlyUsd: number;
      enforcement: components['schemas']['BudgetEnforcement'];
    };
    BudgetStatus: {
      group: string;
      monthlyUsd: number;
      enforcement: components['schemas']['BudgetEnforcement'];
      /** @description The calendar month (UTC), YYYY-MM. */
      month: string;
      /** @description Month to date, USD. */
      spent: number;
      /** @description At the month's end if every instance stays in its current status, USD. */
      projected: number;
      /** @description monthlyUsd − spent (negative once over). */
      remaining: number;
      percentSpent: number;
      /** @description How many instances the group owns. */
      instances: number;
      /** @description What could not be priced (the figures leave it out). */
      missing: string[];
      source: components['schemas']['CostSource'];
      updatedBy: string;
      /** Format: date-time */
      updatedAt: string;
    };
    BudgetList: {
      /** @enum {string} */
      currency: 'USD';
      items: components['schemas']['BudgetStatus'][];
      /** @description The caller's groups (entity refs), with or without a budget. */
      myGroups: string[];
    };
    BudgetEstimateRequest: {
      /** @description Required, unless `cloneFrom` is given and the clone keeps its source's owner. */
      owner?: string;
      sindriYaml?: string;
      config?: {
        [key: string]: unknown;
      };
      cloneFrom?: string;
      /**
       * @description For a clone, the provider it moves to.
       * @enum {string}
       */
      provider?:
        | 'docker'
        | 'fly'
        | 'devpod'
        | 'e2b'
        | 'kubernetes'
        | 'runpod'
        | 'northflank';
      /** @description For a clone, the region it moves to. */
      region?: string;
    };
    BudgetEstimate: {
      owner: string;
      /** @description The instance's list-price rate while it runs, USD per hour. */
      perHour: number;
      /** @description perHour × the hours left in the month, USD. */
      projected: number;
      hoursLeft: number;
      missing: string[];
      /** @enum {string} */
      verdict: 'within' | 'over' | 'no-budget';
      enforcement?: components['schemas']['BudgetEnforcement'];
      budget?: components['schemas']['BudgetStatus'];
      /** @description What a create would be told when over. */
      message?: string;
    };
    ConfigVerdict: {
      valid: boolean;
      issues: {
        /** @description A JSON pointer; empty for the document itself. */
        pointer: string;
        message: string;
      }[];
    };
    /** @description What to run. An argv is executed without a shell; a script is written to a file on the instance and run by its interpreter line. */
    CommandSpec:
      | {
          /**
           * @example [
           *       "systemctl",
           *       "status",
           *       "nginx"
           *     ]
           */
          argv: string[];
        }
      | {
          /** @description Starts with an interpreter line, e.g. `#!/bin/bash`. */
          script: string;
        };
    /**
     * @description A catalog filter selecting instance entities, as the catalog API takes it: keys are entity
     *     fields (`metadata.labels.sindri.io/status`, `spec.owner`, ...), values one accepted value
     *     or a list of them. `kind: resource` and the Sindri instance `spec.type` are implied; only
     *     entities of the default namespace count. 1-20 fields.
     * @example {
     *       "spec.owner": "group:default/platform"
     *     }
     */
    CatalogFilter: {
      [key: string]: string | string[];
    };
    /** @description The instances to run on, by name (each must be registered) or by catalog filter; at most 1000. */
    CommandTarget:
      | {
          instances: string[];
        }
      | {
          filter: components['schemas']['CatalogFilter'];
        };
    CommandRequest: {
      target: components['schemas']['CommandTarget'];
      command: components['schemas']['CommandSpec'];
      /**
       * @description Per instance; the command is killed when it runs longer.
       * @default 300
       */
      timeoutSeconds: number;
      /**
       * @description Instances the command runs on at once.
       * @default 10
       */
      concurrency: number;
    };
    /**
     * @description queued → running → a final state: `succeeded` (exit code 0), `failed` (another exit code,
     *     or it could not start), `timeout`, `cancelled`, `denied` (the caller may not run commands
     *     there) or `unreachable` (its agent was not connected).
     * @enum {string}
     */
    CommandResultState:
      | 'queued'
      | 'running'
      | 'succeeded'
      | 'failed'
      | 'timeout'
      | 'cancelled'
      | 'denied'
      | 'unreachable';
    /** @description One instance's part of a run. */
    CommandResult: {
      instance: string;
      state: components['schemas']['CommandResultState'];
      exitCode?: number | null;
      /** @example SIGKILL */
      signal?: string | null;
      /** Format: date-time */
      startedAt?: string;
      /** Format: date-time */
      endedAt?: string;
      durationMs?: number;
      /** @description Bytes the command wrote to stdout, all of them. */
      stdoutBytes: number;
      stderrBytes: number;
      /** @description The tail of stdout, its last 65536 characters. */
      stdout: string;
      /** @description The tail of stderr, its last 65536 characters. */
      stderr: string;
      /** @description Why it ended as it did, when the portal knows more than the exit code. */
      message?: string;
      /** @description stdout and stderr are left out for this reader, who needs `sindri.instance.audit.read` on the instance (or to have started the run). */
      outputHidden?: boolean;
    };
    CommandRun: {
      /** Format: uuid */
      id: string;
      /** @description The user's entity ref, or `service:<subject>`. */
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      endedAt?: string;
      command: components['schemas']['CommandSpec'];
      target: components['schemas']['CommandTarget'];
      timeoutSeconds: number;
      concurrency: number;
      /**
       * @description `running` until every result is final.
       * @enum {string}
       */
      state: 'running' | 'done' | 'cancelled';
      /** @description Results per state, over all of the run's instances. */
      counts: {
        queued?: number;
        running?: number;
        succeeded?: number;
        failed?: number;
        timeout?: number;
        cancelled?: number;
        denied?: number;
        unreachable?: number;
      };
      /** @description The results of the instances the caller may read, by instance name. */
      results?: components['schemas']['CommandResult'][];
    };
    /** @description A run in the history, without results. */
    CommandRunSummary: components['schemas']['CommandRun'] & {
      /** @description The run's instances the caller may read, sorted. */
      instances: string[];
    };
    /** @description One line of `GET /commands/{id}/stream`. */
    CommandStreamEvent:
      | {
          /** @enum {string} */
          type: 'snapshot';
          run: components['schemas']['CommandRun'];
        }
      | {
          /** @enum {string} */
          type: 'output';
          instance: string;
          /** @enum {string} */
          stream: 'stdout' | 'stderr';
          data: string;
        }
      | {
          /** @enum {string} */
          type: 'result';
          result: components['schemas']['CommandResult'];
        }
      | {
          /** @enum {string} */
          type: 'done';
          run: components['schemas']['CommandRun'];
        };
    TerminalSessionRecord: {
      /**
       * Format: uuid
       * @description The audit row's id.
       */
      id: string;
      instance: string;
      /** @description The browser-chosen id the session can be re-attached with while it lives. */
      sessionId: string;
      /** @description The user's entity ref. */
      openedBy: string;
      /** Format: date-time */
      startedAt: string;
      /**
       * Format: date-time
       * @description Absent while the session lives.
       */
      endedAt?: string;
      /** @description Bytes typed. */
      bytesIn: number;
      /** @description Output bytes. */
      bytesOut: number;
      exitCode?: number | null;
      /** @description exited, idle, closed, error, denied (the shell belongs to another user), or lost (the agent restarted under it). */
      endReason?: string;
      /** @description Its keystrokes were recorded (`sindri.terminal.recordInput`); see `.../input`. */
      inputRecorded?: boolean;
    };
    /** @description One of {type: register, registration}, {type: heartbeat, heartbeat}, {type: metrics, metrics}, {type: event, event}, {type: logs, logs}, {type: inventory, inventory: InventoryPart}; the zod schemas in @internal/plugin-sindri-common are authoritative. */
    AgentFrame: {
      /** @enum {string} */
      type:
        | 'register'
        | 'heartbeat'
        | 'metrics'
        | 'event'
        | 'logs'
        | 'inventory';
    };
    BackendFrame: {
      /** @enum {string} */
      type: 'ack' | 'error';
      id?: string;
      status?: number;
      message?: string;
    };
    Enrollment: {
      instanceId: string;
      name: string;
      owner: string;
      tokenId?: string;
      tokenCreatedAt?: string;
      tokenCreatedBy?: string;
      registeredAt?: string;
    };
    /** @description Fields an agent never reported are absent. */
    FleetInstance: {
      id: string;
      name: string;
      owner: string;
      provider?: string;
      region?: string;
      /** @enum {string} */
      status: 'running' | 'unresponsive' | 'stopped' | 'unknown';
      statusChangedAt?: string;
      registeredAt?: string;
      lastHeartbeatAt?: string;
      heartbeatIntervalSeconds?: number;
      uptimeSeconds?: number;
      registration?: components['schemas']['Registration'];
      latestMetrics?: components['schemas']['MetricsSample'];
      /**
       * @description Absent until drift was first computed.
       * @enum {string}
       */
      drift?: 'in-sync' | 'drifted' | 'unknown';
    };
    Registration: {
      instanceId: string;
      name: string;
      /** @enum {string} */
      provider:
        | 'docker'
        | 'fly'
        | 'devpod'
        | 'e2b'
        | 'kubernetes'
        | 'runpod'
        | 'northflank'
        | 'local';
      region?: string;
      hostname: string;
      os: {
        platform: string;
        release: string;
        arch: string;
        distro?: string;
      };
      agentVersion: string;
      /** Format: date-time */
      bootTime: string;
      heartbeatIntervalSeconds: number;
      sindriConfig?: {
        hash: string;
        name?: string;
        profile?: string;
        extensions: string[];
        resources?: {
          cpus?: number;
          memory?: string;
          disk?: string;
          gpu?: string;
        };
      };
      extensions: {
        name: string;
        version?: string;
        installSeconds?: number;
        bom?: {
          name: string;
          version?: string;
        }[];
      }[];
      failedExtensions?: {
        name: string;
        error?: string;
        /** Format: date-time */
        at?: string;
      }[];
      /** @enum {string} */
      extensionLedger?: 'read' | 'missing' | 'unreadable';
      ssh?: {
        host: string;
        port: number;
        user?: string;
      };
    };
    MetricsSample: {
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      at: string;
      cpu?: {
        percent: number;
      };
      load?: {
        one: number;
        five: number;
        fifteen: number;
      };
      memory?: {
        totalBytes: number;
        usedBytes: number;
        availableBytes: number;
        cachedBytes?: number;
      };
      swap?: {
        totalBytes: number;
        usedBytes: number;
      };
      disks?: {
        mount: string;
        sizeBytes: number;
        usedBytes: number;
        inodesTotal?: number;
        inodesUsed?: number;
      }[];
      network?: {
        rxBytes: number;
        txBytes: number;
      };
      processes?: {
        count: number;
        topByCpu: {
          pid: number;
          name: string;
          cpuPercent: number;
          memoryBytes: number;
        }[];
        topByMemory: {
          pid: number;
          name: string;
          cpuPercent: number;
          memoryBytes: number;
        }[];
      };
    };
    InstanceEvent: {
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      at: string;
      /** @enum {string} */
      type:
        | 'started'
        | 'stopped'
        | 'deploy'
        | 'extension-installed'
        | 'extension-removed'
        | 'extension-failed'
        | 'config-changed'
        | 'agent-warning'
        | 'lifecycle'
        | 'drift';
      message?: string;
      data?: {
        [key: string]: string | number | boolean;
      };
    };
    Health: {
      /** @enum {string} */
      status: 'ok' | 'degraded';
      database: {
        /** @enum {string} */
        client: 'better-sqlite3' | 'pg';
        reachable: boolean;
        /** @description Number of the plugin's knex migrations applied. */
        migrations: number;
        /**
         * Format: date-time
         * @description While the database does not answer, since when this replica has found it so.
         */
        unreachableSince?: string;
      };
      registry: {
        extensions: number;
        profiles: number;
      };
    };
  };
  responses: {
    /** @description The request is malformed; the message names the field. */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description No valid credentials (or agent token). */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The permission policy denies it. */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description No registered instance of that name. */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The body is over the 256 KiB limit. */
    TooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The instance sends faster than its rate limit. */
    TooMany: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** @description The group's entity ref, e.g. group%3Adefault%2Fteam-a */
    budgetGroup: string;
    /** @description Words every line must hold. */
    logText: string;
    /** @description Only lines read from these sources (comma-separated). */
    logSources: string;
    /** @description Only lines of these levels (comma-separated). */
    logLevels: string;
    /** @description Only lines written during this lifecycle operation. */
    logOperation: string;
    logFrom: string;
    logTo: string;
    /** @description A line id; only older lines are listed. */
    logBefore: string;
    /** @description A line id; only newer lines are sent. */
    logAfter: string;
    logLimit: number;
    alertId: string;
    alertRuleId: string;
    alertChannelId: string;
    eventLimit: number;
    /** @description An event id (a ULID); only older events are listed. */
    eventBefore: string;
    /** @description Event types, comma-separated; only these are listed. */
    eventTypes: components['schemas']['FleetEventType'][];
    /** @description Severities, comma-separated; only these are listed. */
    eventSeverities: components['schemas']['EventSeverity'][];
    name: string;
    instanceId: string;
    /** @description The operation's id. */
    operationId: string;
    /** @description The run's id. */
    commandId: string;
    /** @description The terminal session's id, chosen by the browser (a uuid fits). */
    session: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The database answers and the schema is migrated. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /**
       * @description The database does not answer (within 2 seconds), and since when. The backend keeps
       *     serving: agents' samples are refused with 503 and buffered by the agents until it is
       *     back.
       */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  ingest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Agent frames (`AgentFrame`), each validated on its own. */
          frames: unknown[];
        };
      };
    };
    responses: {
      /** @description One result per frame, in order; a frame refused (invalid, over the rate limit, not stored now, a registration for another instance) has an error result naming its id. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            results?: components['schemas']['BackendFrame'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      413: components['responses']['TooLarge'];
      /** @description The portal cannot check agent tokens now (its database); try again. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAgentInstallScript: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A bash script. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/x-shellscript': string;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description This portal has no agent bundle (`sindri.agents.bundleDir` unset, or not built). */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAgentBundle: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The bundle. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/javascript': string;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description This portal has no agent bundle (`sindri.agents.bundleDir` unset, or not built). */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  connectAgent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Switching protocols; the agent is connected. */
      101: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not a valid WebSocket handshake (answered by the WebSocket server, plain text). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, malformed or revoked agent token (empty body). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The portal cannot check agent tokens now (empty body). */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  bridgeAgentLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        instanceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Switching protocols; the bridge is open. */
      101: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not a valid WebSocket handshake. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listEnrollments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Enrollments. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items?: components['schemas']['Enrollment'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  createEnrollment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /** @example group:default/platform */
          owner: string;
        };
      };
    };
    responses: {
      /** @description Enrolled. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            instanceId?: string;
            name?: string;
            owner?: string;
            token?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description The name is already enrolled. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  rotateEnrollmentToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        instanceId: components['parameters']['instanceId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The new token, returned once. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            token?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such instance. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  revokeEnrollment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        instanceId: components['parameters']['instanceId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such instance. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listInstances: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Instances. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items?: components['schemas']['FleetInstance'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  getInstance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instance. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FleetInstance'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getInstanceMetrics: {
    parameters: {
      query?: {
        range?: '1h' | '24h' | '7d';
        resolution?: 'raw' | '5m' | '1h';
      };
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Samples in time order. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            range: '1h' | '24h' | '7d';
            /** @enum {string} */
            resolution: 'raw' | '5m' | '1h';
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            items: components['schemas']['MetricsSample'][];
            truncated?: boolean;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getInstanceEvents: {
    parameters: {
      query?: {
        limit?: components['parameters']['eventLimit'];
        /** @description An event id (a ULID); only older events are listed. */
        before?: components['parameters']['eventBefore'];
        /** @description Event types, comma-separated; only these are listed. */
        type?: components['parameters']['eventTypes'];
        /** @description Severities, comma-separated; only these are listed. */
        severity?: components['parameters']['eventSeverities'];
      };
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of events, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventPage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listEvents: {
    parameters: {
      query?: {
        limit?: components['parameters']['eventLimit'];
        /** @description An event id (a ULID); only older events are listed. */
        before?: components['parameters']['eventBefore'];
        /** @description Event types, comma-separated; only these are listed. */
        type?: components['parameters']['eventTypes'];
        /** @description Severities, comma-separated; only these are listed. */
        severity?: components['parameters']['eventSeverities'];
        /** @description Only this instance's events. */
        instance?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of events, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventPage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  getFleetSummary: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The summary. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FleetSummary'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  listExtensions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The registry. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExtensionRegistry'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  getExtension: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The extension. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExtensionDetail'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getFleetExtensionUsage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The matrix. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FleetExtensionUsage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  getPrometheusMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text exposition format 0.0.4. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  listTerminalSessions: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Terminal sessions. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['TerminalSessionRecord'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getTerminalSessionInput: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The keystrokes. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TerminalSessionInput'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  openTerminal: {
    parameters: {
      query?: {
        /** @description Terminal width in columns. */
        cols?: number;
        /** @description Terminal height in rows. */
        rows?: number;
      };
      header?: never;
      path: {
        name: components['parameters']['name'];
        /** @description The terminal session's id, chosen by the browser (a uuid fits). */
        session: components['parameters']['session'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Switching protocols; the socket is attached (or told why not, then closed with one of the close codes above). */
      101: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A malformed name, session id, cols or rows (the message names it), or not a valid WebSocket handshake (plain text). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The permission policy denies `sindri.instance.terminal` on the instance, or the `Origin` may not open terminals. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  resolveCommandTargets: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          target: components['schemas']['CommandTarget'];
        };
      };
    };
    responses: {
      /** @description The selected instances. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              name: string;
              permitted: boolean;
            }[];
          };
        };
      };
      /** @description A malformed target, a name that is not a registered instance, a filter that selects no instance, or more than 1000 instances. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      401: components['responses']['Unauthorized'];
    };
  };
  listCommands: {
    parameters: {
      query?: {
        /** @description Only runs that included this instance. */
        instance?: string;
        /** @description Only runs started by this user entity ref (or `service:<subject>`). */
        createdBy?: string;
        state?: 'running' | 'done' | 'cancelled';
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Runs. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CommandRunSummary'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
    };
  };
  startCommand: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CommandRequest'];
      };
    };
    responses: {
      /** @description The run, its permitted instances `queued` and the others `denied`. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandRun'];
        };
      };
      /** @description A malformed request, a name that is not a registered instance, a filter that selects no instance, or more than 1000 instances. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The permission policy denies `sindri.instance.command` on every selected instance. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getCommand: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The run's id. */
        id: components['parameters']['commandId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The run. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandRun'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description No such run, or none of its instances is readable by the caller. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cancelCommand: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The run's id. */
        id: components['parameters']['commandId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancellation is under way; the run as it is now (results turn `cancelled` as the agents confirm it). */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandRun'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description Neither the creator nor permitted `sindri.instance.command` on all the run's instances. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such run, or none of its instances is readable by the caller. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  streamCommand: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The run's id. */
        id: components['parameters']['commandId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The event stream. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-ndjson': components['schemas']['CommandStreamEvent'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description No such run, or none of its instances is readable by the caller. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getDeploymentOptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The options. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeploymentOptions'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  validateConfig: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          sindriYaml: string;
        };
      };
    };
    responses: {
      /** @description The verdict. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConfigVerdict'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description The sindri.yaml is over 64 KiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createDeployment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDeploymentRequest'];
      };
    };
    responses: {
      /** @description The operation started. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperationStarted'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description The instance to clone does not exist or was not deployed by the portal. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /**
       * @description An instance of that name exists, or the owner group's budget is enforced with
       *     `block` and the instance's projected cost to the month's end would run it over (the
       *     message gives the remaining budget and the projection). Nothing is enrolled or deployed.
       */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The sindri.yaml is over 64 KiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getOperation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operation's id. */
        id: components['parameters']['operationId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The operation. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LifecycleOperation'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  streamOperation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The operation's id. */
        id: components['parameters']['operationId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The stream. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-ndjson': components['schemas']['OperationStreamEvent'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getInstanceDeployment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The deployment. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InstanceDeployment'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listInstanceOperations: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The operations. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['LifecycleOperation'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  runLifecycleAction: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          action: 'suspend' | 'resume' | 'redeploy' | 'destroy';
          /** @description The instance's name, for destroy. */
          confirm?: string;
          /** @description Destroy its volumes too. */
          volumes?: boolean;
        };
      };
    };
    responses: {
      /** @description The operation started. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperationStarted'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /**
       * @description Not deployed by the portal, or in a state the action cannot start from, or a resume
       *     that the owner group's budget (enforced with `block`) refuses: the message gives the
       *     remaining budget and the instance's projected cost.
       */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getInstanceDrift: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The drift as last computed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InstanceDrift'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listConfigVersions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The versions, without their text. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ConfigVersion'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getConfigVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
        version: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The version. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConfigVersion'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  validateInstanceConfig: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          sindriYaml: string;
        };
      };
    };
    responses: {
      /** @description The verdict. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConfigVerdict'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description The sindri.yaml is over 64 KiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  applyInstanceConfig: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          sindriYaml: string;
          baseVersion: number;
        };
      };
    };
    responses: {
      /** @description The update started. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConfigApplied'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Not deployed by the portal, busy with another operation, or edited meanwhile. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The sindri.yaml is over 64 KiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getInstanceCost: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The estimate. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InstanceCost'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getInstanceUsage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instance's idle verdict and right-sizing. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InstanceUsage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getInstanceSecurity: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instance's security view. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InstanceSecurity'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getInstanceSbom: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A CycloneDX JSON BOM. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/vnd.cyclonedx+json': Record<string, never>;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getFleetSecurity: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The fleet's security view. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FleetSecurity'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  getFleetSbom: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A CycloneDX JSON BOM. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/vnd.cyclonedx+json': Record<string, never>;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  getFleetCost: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The fleet's estimate for the last 30 days and the 30 before. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FleetCost'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  listBudgets: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The budgets and the caller's groups. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  estimateBudget: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BudgetEstimateRequest'];
      };
    };
    responses: {
      /** @description The estimate. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetEstimate'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description The instance to clone does not exist or was not deployed by the portal. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  setBudget: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The group's entity ref, e.g. group%3Adefault%2Fteam-a */
        group: components['parameters']['budgetGroup'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BudgetInput'];
      };
    };
    responses: {
      /** @description The budget with this month's spend. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetStatus'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  deleteBudget: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The group's entity ref, e.g. group%3Adefault%2Fteam-a */
        group: components['parameters']['budgetGroup'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description The group has no budget. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAlerts: {
    parameters: {
      query?: {
        state?: 'open' | 'pending' | 'firing' | 'resolved';
        /** @description Only this instance's alerts. */
        instance?: string;
        limit?: components['parameters']['eventLimit'];
        /** @description An event id (a ULID); only older events are listed. */
        before?: components['parameters']['eventBefore'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of alerts, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertPage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  listAlertDeliveries: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['alertId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The alert's deliveries, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AlertDelivery'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  acknowledgeAlert: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['alertId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The acknowledged alert. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Alert'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  silenceAlert: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['alertId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          minutes: number;
        };
      };
    };
    responses: {
      /** @description The silenced alert. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Alert'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  unsilenceAlert: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['alertId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The alert. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Alert'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listAlertRules: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every rule. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AlertRule'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  createAlertRule: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AlertRuleInput'];
      };
    };
    responses: {
      /** @description The rule. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertRule'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  updateAlertRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['alertRuleId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AlertRuleInput'];
      };
    };
    responses: {
      /** @description The rule. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertRule'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  deleteAlertRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['alertRuleId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listAlertChannels: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every channel. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AlertChannel'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  createAlertChannel: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AlertChannelInput'];
      };
    };
    responses: {
      /** @description The channel. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertChannel'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  updateAlertChannel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['alertChannelId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AlertChannelInput'];
      };
    };
    responses: {
      /** @description The channel. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertChannel'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  deleteAlertChannel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['alertChannelId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  searchLogs: {
    parameters: {
      query?: {
        /** @description Words every line must hold. */
        q?: components['parameters']['logText'];
        /** @description Only this instance's lines. */
        instance?: string;
        /** @description Only lines read from these sources (comma-separated). */
        source?: components['parameters']['logSources'];
        /** @description Only lines of these levels (comma-separated). */
        level?: components['parameters']['logLevels'];
        /** @description Only lines written during this lifecycle operation. */
        operation?: components['parameters']['logOperation'];
        from?: components['parameters']['logFrom'];
        to?: components['parameters']['logTo'];
        /** @description A line id; only older lines are listed. */
        before?: components['parameters']['logBefore'];
        limit?: components['parameters']['logLimit'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of lines, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LogPage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  tailLogs: {
    parameters: {
      query?: {
        /** @description Words every line must hold. */
        q?: components['parameters']['logText'];
        /** @description Only this instance's lines. */
        instance?: string;
        /** @description Only lines read from these sources (comma-separated). */
        source?: components['parameters']['logSources'];
        /** @description Only lines of these levels (comma-separated). */
        level?: components['parameters']['logLevels'];
        /** @description Only lines written during this lifecycle operation. */
        operation?: components['parameters']['logOperation'];
        from?: components['parameters']['logFrom'];
        to?: components['parameters']['logTo'];
        /** @description A line id; only newer lines are sent. */
        after?: components['parameters']['logAfter'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /**
       * @description A stream of server-sent events (`text/event-stream`): each `lines` event carries a JSON
       *     array of `LogLine`, oldest first, and its `id` is the newest line's id; a comment every
       *     15 s keeps the connection open. The stream ends after five minutes; the client
       *     reconnects with `Last-Event-ID` (and is authorized again) and misses nothing.
       */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  getInstanceLogs: {
    parameters: {
      query?: {
        /** @description Words every line must hold. */
        q?: components['parameters']['logText'];
        /** @description Only lines read from these sources (comma-separated). */
        source?: components['parameters']['logSources'];
        /** @description Only lines of these levels (comma-separated). */
        level?: components['parameters']['logLevels'];
        /** @description Only lines written during this lifecycle operation. */
        operation?: components['parameters']['logOperation'];
        from?: components['parameters']['logFrom'];
        to?: components['parameters']['logTo'];
        /** @description A line id; only older lines are listed. */
        before?: components['parameters']['logBefore'];
        limit?: components['parameters']['logLimit'];
      };
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of lines, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LogPage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  tailInstanceLogs: {
    parameters: {
      query?: {
        /** @description Words every line must hold. */
        q?: components['parameters']['logText'];
        /** @description Only lines read from these sources (comma-separated). */
        source?: components['parameters']['logSources'];
        /** @description Only lines of these levels (comma-separated). */
        level?: components['parameters']['logLevels'];
        /** @description Only lines written during this lifecycle operation. */
        operation?: components['parameters']['logOperation'];
        from?: components['parameters']['logFrom'];
        to?: components['parameters']['logTo'];
        /** @description A line id; only newer lines are sent. */
        after?: components['parameters']['logAfter'];
      };
      header?: never;
      path: {
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /**
       * @description A stream of server-sent events (`text/event-stream`): each `lines` event carries a JSON
       *     array of `LogLine`, oldest first, and its `id` is the newest line's id; a comment every
       *     15 s keeps the connection open. The stream ends after five minutes; the client
       *     reconnects with `Last-Event-ID` (and is authorized again) and misses nothing.
       */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
}
