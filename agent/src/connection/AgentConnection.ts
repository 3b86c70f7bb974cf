import WebSocket from 'ws';
import {
  AgentFrame,
  AgentLiveFrame,
  BackendFrame,
  BackendLiveFrame,
  backendLiveFrameSchema,
  DataFrame,
  decodeDataFrame,
  describeZodError,
  INGEST_LIMITS,
  isLiveFrameType,
  isTransientRefusal,
  Registration,
} from '@internal/plugin-sindri-common';
import { AgentLogger } from '../log';
import { maskSecrets } from '../mask';
import { Outbox } from '../outbox';
import { backoffDelayMs } from './backoff';

export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'disconnected'
  | 'stopped';

export interface AgentConnectionOptions {
  consoleUrl: string;
  token: string;
  outbox: Outbox;
  registration: () => Promise<Registration>;
  logger: AgentLogger;
  maxBackoffMs: number;
  baseBackoffMs?: number;
  /** WebSocket failures in a row after which batches go over HTTP until it reconnects. */
  httpFallbackAfter?: number;
  /** first wait before a frame the portal refused for now (429, 503, ...) is sent again; it doubles up to maxRetryMs */
  baseRetryMs?: number;
  maxRetryMs?: number;
  onState?: (state: ConnectionState) => void;
}

/** What the live channel (terminals, commands) may do with the agent's connection. */
export interface LiveLink {
  /** True while the WebSocket is open. */
  readonly isOpen: boolean;
  /** Bytes queued on the WebSocket and not yet handed to the network (0 while closed). */
  readonly bufferedAmount: number;
  /** Sends a JSON live frame (never masked); false, and nothing sent, while the WebSocket is not open. `onSent` runs once it is written. */
  sendLive(frame: AgentLiveFrame, onSent?: (error?: Error) => void): boolean;
  /** Sends a binary data frame (see `encodeDataFrame`); false while the WebSocket is not open. */
  sendData(bytes: Uint8Array, onSent?: (error?: Error) => void): boolean;
}

/** Who hears the live channel: the connection's ups and downs and the backend's live frames, in arrival order. */
export interface LiveHandler {
  /** The WebSocket is open (before the registration is sent). */
  onConnected(): void;
  /** The WebSocket that was open is closed. */
  onDisconnected(): void;
  /** A valid `pty-*` / `cmd-*` JSON frame. */
  onLiveFrame(frame: BackendLiveFrame): void;
  /** A `pty-*` / `cmd-*` JSON frame that does not match the contract. */
  onInvalidLiveFrame(raw: Record<string, unknown>, message: string): void;
  /** A binary data frame. */
  onDataFrame(frame: DataFrame): void;
}

/**
 * The agent's one outbound connection. Samples are sent from the outbox and
 * leave it only when acked; on a broken connection everything unacked is sent
 * again after a reconnect (exponential backoff with jitter). While the
 * WebSocket keeps failing, batches go to the HTTP ingest route instead.
 */
export class AgentConnection implements LiveLink {
  private ws?: WebSocket;
  private live?: LiveHandler;
  private attempt = 0;
  private timer?: NodeJS.Timeout;
  private state: ConnectionState = 'disconnected';
  private httpBusy = false;
  /** refusals for now in a row: how long the next one waits */
  private retryAttempt = 0;
  private retryTimer?: NodeJS.Timeout;
  /** the registration was refused for now: it is sent again with the next retry */
  private registerAgain = false;
  private lastRefusalLog = 0;
  private refusalsUnlogged = 0;

  constructor(private readonly options: AgentConnectionOptions) {}

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Routes live frames (and connects/disconnects) to `handler`; set it before `start()`. */
  setLiveHandler(handler: LiveHandler): void {
    this.live = handler;
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  sendLive(frame: AgentLiveFrame, onSent?: (error?: Error) => void): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame), onSent);
    return true;
  }

  sendData(bytes: Uint8Array, onSent?: (error?: Error) => void): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(bytes, { binary: true }, onSent);
    return true;
  }

  start(): void {
    this.connect();
  }

  stop(): void {
    this.setState('stopped');
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.ws?.close(1000, 'agent stopping');
  }

  /** Sends a fresh registration now, if connected (on reconnect one is sent anyway). */
  async reregister(): Promise<void> {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    this.send({
      type: 'register',
      registration: await this.options.registration(),
    });
  }

  /** Sends whatever is waiting, if connected. */
  flush(): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    for (const frame of this.options.outbox.takeUnsent()) this.send(frame);
  }

  private setState(state: ConnectionState) {
    if (this.state === state) return;
    this.state = state;
    this.options.onState?.(state);
  }

  private send(frame: AgentFrame) {
    this.ws?.send(JSON.stringify(maskSecrets(frame)));
  }

  private connect() {
    if (this.state === 'stopped') return;
    this.setState('connecting');
    const url = new URL('/api/sindri/agent/connect', this.options.consoleUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url, {
      headers: { Authorization: `Bearer ${this.options.token}` },
      handshakeTimeout: 10_000,
    });
    this.ws = ws;

    let opened = false;
    ws.on('open', async () => {
      opened = true;
      this.attempt = 0;
      this.setState('connected');
      this.options.logger.info(`connected to ${this.options.consoleUrl}`);
      // the backend takes live frames as soon as the socket is open
      this.live?.onConnected();
      this.send({
        type: 'register',
        registration: await this.options.registration(),
      });
      this.flush();
    });
    ws.on('message', (data, isBinary) =>
      this.onMessage(data as Buffer, isBinary),
    );
    ws.on('unexpected-response', (_req, res) => {
      this.options.logger.warn(
        `the portal refused the connection: HTTP ${res.statusCode}${
          res.statusCode === 401 ? ' (token missing, wrong or revoked)' : ''
        }`,
      );
      ws.terminate();
    });
    ws.on('error', error =>
      this.options.logger.warn(`connection error: ${error.message}`),
    );
    ws.on('close', () => {
      if (this.ws === ws) this.ws = undefined;
      this.options.outbox.resetSent();
      if (opened) this.live?.onDisconnected();
      if (this.state === 'stopped') return;
      this.setState('disconnected');
      this.scheduleReconnect();
    });
  }

  private onMessage(data: Buffer, isBinary: boolean) {
    if (isBinary) {
      const frame = decodeDataFrame(data);
      if (frame) this.live?.onDataFrame(frame);
      else
        this.options.logger.warn(
          `ignored a binary frame that is not a data frame (${data.length} bytes)`,
        );
      return;
    }
    let json: any;
    try {
      json = JSON.parse(data.toString());
    } catch {
      this.options.logger.warn('ignored a frame that is not JSON');
      return;
    }
    if (isLiveFrameType(json?.type)) {
      const parsed = backendLiveFrameSchema.safeParse(json);
      if (parsed.success) this.live?.onLiveFrame(parsed.data);
      else this.live?.onInvalidLiveFrame(json, describeZodError(parsed.error));
      return;
    }
    this.onReply(json as BackendFrame);
  }

  private onReply(reply: BackendFrame) {
    const { outbox, logger } = this.options;
    if (reply.type === 'ack') {
      outbox.ack(reply.id);
      this.retryAttempt = 0;
      return;
    }
    if (!reply.id) {
      logger.warn(
        `the portal refused a frame it could not identify: ${reply.status} ${reply.message}`,
      );
      return;
    }
    if (isTransientRefusal(reply.status)) {
      // not now (its database away, a rate limit): the frame is sent again, later and later while it lasts
      const delay =
        (this.options.baseRetryMs ?? 500) / 2 +
        backoffDelayMs(
          this.retryAttempt,
          this.options.baseRetryMs ?? 500,
          this.options.maxRetryMs ?? 10_000,
        );
      this.retryAttempt += 1;
      if (reply.id.startsWith('register:')) this.registerAgain = true;
      else outbox.retryLater(reply.id, delay);
      this.logRefusal(reply);
      this.scheduleRetry(delay);
      return;
    }
    // a frame the portal finds invalid will not become valid: give it up, and count it
    if (outbox.giveUp(reply.id)) {
      logger.warn(
        `the portal refused ${reply.id} as invalid (${reply.status} ${reply.message}); dropped it, ${outbox.invalid} invalid so far`,
      );
    } else {
      logger.warn(
        `the portal refused ${reply.id}: ${reply.status} ${reply.message}`,
      );
    }
  }

  /** One line every few seconds while the portal keeps refusing for now, not one per frame. */
  private logRefusal(reply: Extract<BackendFrame, { type: 'error' }>) {
    this.refusalsUnlogged += 1;
    if (Date.now() - this.lastRefusalLog < 5000) return;
    this.options.logger.warn(
      `the portal refused ${this.refusalsUnlogged} frame(s) for now (${reply.status} ${reply.message}); sending them again`,
    );
    this.lastRefusalLog = Date.now();
    this.refusalsUnlogged = 0;
  }

  /** Sends what is due again after `delayMs` (and keeps doing so while frames wait for their turn). */
  private scheduleRetry(delayMs: number) {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.registerAgain && this.ws?.readyState === WebSocket.OPEN) {
        this.registerAgain = false;
        void this.reregister();
      }
      this.flush();
      const next = this.options.outbox.nextDue();
      if (next !== undefined)
        this.scheduleRetry(Math.max(0, next - Date.now()));
    }, delayMs);
    this.retryTimer.unref?.();
  }

  private scheduleReconnect() {
    const delay = backoffDelayMs(
      this.attempt,
      this.options.baseBackoffMs ?? 1000,
      this.options.maxBackoffMs,
    );
    this.attempt += 1;
    if (this.attempt >= (this.options.httpFallbackAfter ?? 3))
      void this.sendOverHttp();
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Sends one batch to `POST /api/sindri/ingest`; the WebSocket stays the goal. */
  private async sendOverHttp() {
    if (this.httpBusy || this.options.outbox.size === 0) return;
    this.httpBusy = true;
    try {
      // batch after batch while the portal takes them and more are due
      for (
        let batch = 0;
        batch < 20 && this.state !== 'connected' && this.state !== 'stopped';
        batch++
      ) {
        if (!(await this.sendBatchOverHttp())) break;
      }
    } catch (error) {
      this.options.logger.warn(
        `HTTP ingest failed: ${(error as Error).message}`,
      );
    } finally {
      this.options.outbox.resetSent();
      this.httpBusy = false;
    }
  }

  /** One batch that fits the portal's body limit; true when it was taken and frames remain due. */
  private async sendBatchOverHttp(): Promise<boolean> {
    const { outbox, logger } = this.options;
    const register: AgentFrame = {
      type: 'register',
      registration: await this.options.registration(),
    };
    const size = (frame: AgentFrame) =>
      Buffer.byteLength(JSON.stringify(maskSecrets(frame)));
    const maxBytes = INGEST_LIMITS.maxFrameBytes - 64 - size(register);
    const tooLarge = outbox.giveUpWhere(frame => size(frame) + 1 > maxBytes);
    if (tooLarge)
      logger.warn(
        `dropped ${tooLarge} frame(s) larger than the portal takes; ${outbox.invalid} invalid so far`,
      );
    const taken = outbox.takeUnsent(INGEST_LIMITS.maxFramesPerRequest - 1, {
      maxBytes,
      size,
    });
    if (!taken.length) return false;
    const res = await fetch(
      new URL('/api/sindri/ingest', this.options.consoleUrl),
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(maskSecrets({ frames: [register, ...taken] })),
        signal: AbortSignal.timeout(15_000),
      },
    );
    if (!res.ok) {
      logger.warn(`HTTP ingest refused: ${res.status}`);
      return false;
    }
    const { results } = (await res.json()) as { results: BackendFrame[] };
    results.forEach(r => this.onReply(r));
    return outbox.size > 0;
  }
}
