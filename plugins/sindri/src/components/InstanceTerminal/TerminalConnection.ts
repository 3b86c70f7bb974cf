import {
  LIVE_LIMITS,
  TERMINAL_CLOSE_CODES,
  TerminalClientMessage,
  TerminalServerMessage,
} from '@internal/plugin-sindri-common';

/** What a terminal session looks like from this browser tab. */
export type TerminalState =
  | { kind: 'connecting' }
  | { kind: 'live'; created: boolean }
  | { kind: 'reconnecting'; reason: string; retryInMs: number; attempt: number }
  | {
      kind: 'ended';
      reason: string;
      exitCode?: number | null;
      message?: string;
    };

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface TerminalConnectionOptions {
  /** The socket URL for a (re)connection at the given size. */
  connectUrl(size: TerminalSize): Promise<string>;
  size: TerminalSize;
  onState(state: TerminalState): void;
  /** Output bytes; call `rendered` once they are on screen: that is the flow control credit. */
  onOutput(bytes: Uint8Array, rendered: () => void): void;
  /** The session is (re)attached; the server replays recent output next. */
  onAttached?(created: boolean): void;
  /** Reconnection delays: initial, doubling up to max. */
  backoff?: { initialMs: number; maxMs: number };
}

/** Acknowledge rendered output once this much has piled up... */
const ACK_BYTES = 32 * 1024;
/** ...or this long after the first unacknowledged byte. */
const ACK_DELAY_MS = 50;
/** Keystrokes kept while disconnected; beyond this they are dropped (a paste that large would be). */
const MAX_QUEUED_INPUT_BYTES = 16 * LIVE_LIMITS.maxInputBytes;

const encoder = new TextEncoder();

/**
 * One terminal session over the browser's terminal WebSocket: connects,
 * reconnects with backoff when the socket drops or the instance is offline,
 * queues keystrokes until the session is live, and acknowledges rendered output.
 * Knows nothing of React or xterm.
 */
export class TerminalConnection {
  private socket?: WebSocket;
  /** Incremented per connection attempt; events of older sockets are ignored. */
  private generation = 0;
  private state: TerminalState = { kind: 'connecting' };
  private size: TerminalSize;
  private readonly queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private unacked = 0;
  private ackTimer?: ReturnType<typeof setTimeout>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private attempt = 0;
  private disposed = false;

  constructor(private readonly options: TerminalConnectionOptions) {
    this.size = options.size;
  }

  start(): void {
    this.setState({ kind: 'connecting' });
    void this.connect();
  }

  /** Keystrokes (xterm's onData); queued, in order, until the session is live. */
  send(data: string): void {
    if (this.state.kind === 'ended' || this.disposed) return;
    const bytes = encoder.encode(data);
    if (
      this.state.kind === 'live' &&
      this.socket?.readyState === WebSocket.OPEN
    ) {
      this.sendInput(this.socket, bytes);
      return;
    }
    if (this.queuedBytes + bytes.length > MAX_QUEUED_INPUT_BYTES) return;
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
  }

  resize(cols: number, rows: number): void {
    if (cols === this.size.cols && rows === this.size.rows) return;
    this.size = { cols, rows };
    if (this.state.kind === 'live')
      this.sendControl({ type: 'resize', cols, rows });
  }

  /** Ends the session for everyone: the shell is killed. */
  close(): void {
    if (this.socket?.readyState === WebSocket.OPEN)
      this.sendControl({ type: 'close' });
  }

  /** Detaches this view; the session lives on (and can be re-attached). */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.ackTimer);
    this.generation += 1;
    if (this.socket) closeWhenFlushed(this.socket);
    this.socket = undefined;
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    let url: string;
    try {
      url = await this.options.connectUrl(this.size);
    } catch (e) {
      if (generation === this.generation && !this.disposed)
        this.retry(`Could not prepare the connection: ${(e as Error).message}`);
      return;
    }
    if (generation !== this.generation || this.disposed) return;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let problem: string | undefined;
    let exit: Extract<TerminalServerMessage, { type: 'exit' }> | undefined;
    let opened = false;

    socket.onmessage = event => {
      if (generation !== this.generation) return;
      if (typeof event.data !== 'string') {
        const bytes = new Uint8Array(event.data as ArrayBuffer);
        this.options.onOutput(bytes, () =>
          this.acknowledge(generation, bytes.length),
        );
        return;
      }
      const message = parseServerMessage(event.data);
      if (message?.type === 'opened') {
        opened = true;
        this.attempt = 0;
        this.options.onAttached?.(message.created);
        this.setState({ kind: 'live', created: message.created });
        this.flushQueue(socket);
      } else if (message?.type === 'exit') {
        exit = message;
      } else if (message?.type === 'offline' || message?.type === 'error') {
        problem = message.message;
      }
    };

    socket.onclose = event => {
      if (generation !== this.generation || this.disposed) return;
      this.socket = undefined;
      clearTimeout(this.ackTimer);
      this.ackTimer = undefined;
      this.unacked = 0;
      if (exit || event.code === TERMINAL_CLOSE_CODES.ended) {
        this.end({
          kind: 'ended',
          reason: exit?.reason ?? 'ended',
          exitCode: exit?.exitCode,
          message: exit?.message,
        });
      } else if (event.code === TERMINAL_CLOSE_CODES.tooManySessions) {
        this.end({
          kind: 'ended',
          reason: 'too many sessions',
          message:
            event.reason ||
            problem ||
            `This instance already has its limit of ${LIVE_LIMITS.maxSessionsPerInstance} terminal sessions.`,
        });
      } else if (event.code === TERMINAL_CLOSE_CODES.badRequest) {
        this.end({
          kind: 'ended',
          reason: 'rejected',
          message:
            event.reason ||
            problem ||
            'The server rejected a message of this terminal.',
        });
      } else {
        this.retry(describeDrop(event, opened, problem));
      }
    };
  }

  private retry(reason: string): void {
    const { initialMs, maxMs } = this.options.backoff ?? {
      initialMs: 500,
      maxMs: 15_000,
    };
    const retryInMs = Math.min(maxMs, initialMs * 2 ** this.attempt);
    this.attempt += 1;
    this.setState({
      kind: 'reconnecting',
      reason,
      retryInMs,
      attempt: this.attempt,
    });
    this.retryTimer = setTimeout(() => void this.connect(), retryInMs);
  }

  private end(state: Extract<TerminalState, { kind: 'ended' }>): void {
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.setState(state);
  }

  private flushQueue(socket: WebSocket): void {
    const queued = this.queue.splice(0);
    this.queuedBytes = 0;
    for (const bytes of queued) this.sendInput(socket, bytes);
  }

  private sendInput(socket: WebSocket, bytes: Uint8Array): void {
    for (
      let offset = 0;
      offset < bytes.length;
      offset += LIVE_LIMITS.maxInputBytes
    ) {
      socket.send(bytes.subarray(offset, offset + LIVE_LIMITS.maxInputBytes));
    }
  }

  private acknowledge(generation: number, bytes: number): void {
    if (generation !== this.generation || this.disposed) return;
    this.unacked += bytes;
    if (this.unacked >= ACK_BYTES) {
      this.flushAck();
    } else if (!this.ackTimer) {
      this.ackTimer = setTimeout(() => this.flushAck(), ACK_DELAY_MS);
    }
  }

  private flushAck(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    if (
      this.unacked > 0 &&
      this.sendControl({ type: 'ack', bytes: this.unacked })
    )
      this.unacked = 0;
  }

  private sendControl(message: TerminalClientMessage): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private setState(state: TerminalState): void {
    this.state = state;
    this.options.onState(state);
  }
}

/** Closes (detaches) once what was sent has gone out, e.g. a `close` sent just before, waiting 1 s at most. */
function closeWhenFlushed(
  socket: WebSocket,
  deadline = Date.now() + 1000,
): void {
  if (
    socket.readyState === WebSocket.OPEN &&
    socket.bufferedAmount > 0 &&
    Date.now() < deadline
  ) {
    setTimeout(() => closeWhenFlushed(socket, deadline), 10);
  } else {
    socket.close(1000, 'detached');
  }
}

function parseServerMessage(text: string): TerminalServerMessage | undefined {
  try {
    const message = JSON.parse(text);
    return message && typeof message.type === 'string'
      ? (message as TerminalServerMessage)
      : undefined;
  } catch {
    return undefined;
  }
}

function describeDrop(
  event: CloseEvent,
  opened: boolean,
  problem?: string,
): string {
  if (event.code === TERMINAL_CLOSE_CODES.offline) {
    return `The instance's agent is not connected${
      problem ? `: ${problem}` : ''
    }.`;
  }
  if (event.code === TERMINAL_CLOSE_CODES.tooSlow)
    return 'This view fell too far behind the output.';
  if (!opened && event.code === 1006) {
    return 'Could not connect: the server did not answer, or refused the connection.';
  }
  return `The connection closed (code ${event.code}${
    event.reason || problem ? `: ${event.reason || problem}` : ''
  }).`;
}
