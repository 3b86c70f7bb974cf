import { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import {
  agentLiveFrameSchema,
  BackendFrame,
  BackendLiveFrame,
  decodeDataFrame,
  describeZodError,
  INGEST_LIMITS,
  isLiveFrameType,
  rawFrameId,
} from '@internal/plugin-sindri-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AgentLink, AgentLinks } from '../live/AgentLinks';
import { AgentIdentity } from '../tokens/AgentTokenStore';
import { TokenSweeper } from '../tokens/TokenSweeper';
import { Keepalive } from '../sockets/Keepalive';
import { ReadGate } from '../sockets/ReadGate';
import { WriteCoalescer } from '../sockets/WriteCoalescer';
import { IngestService, Judged, storedTogether } from './IngestService';
import { FrameSequence } from './FrameSequence';
import { RateLimiter } from './RateLimiter';

/** What every agent connection works with. */
export interface AgentConnectionDeps {
  ingest: IngestService;
  /** live frames (terminals, commands) per instance: over it the connection is not read for a moment */
  liveLimiter: RateLimiter;
  logger: LoggerService;
  links: AgentLinks;
  tokens: TokenSweeper;
  keepalive: Keepalive;
  /** an agent's connection went silent (no answer to a ping): its instance is unreachable */
  onUnreachable(instanceId: string): void;
}

/** Ingest frames one connection may have waiting to be stored; past either bound, its socket is not read. */
export const CONNECTION_QUEUE_LIMITS = {
  frames: 256,
  bytes: 4 * 1024 * 1024,
} as const;

/** How long a connection over its live-frame rate is not read. */
const THROTTLE_MS = 50;

const refusal = (answer: BackendFrame) => (): Judged => ({
  answer,
  registered: false,
});

/**
 * One agent's connection, which is also its link for live traffic: its
 * ingest frames answered in order, its flow control, its writes coalesced.
 * One object with its methods on the prototype and three listeners, rather
 * than a closure per callback: a replica holds ten thousand of these, and
 * every full garbage collection marks all of them (each closure and its
 * context is an object more to mark).
 */
export class AgentConnection implements AgentLink {
  readonly instanceId: string;
  readonly name: string;
  private readonly flow: ReadGate;
  private readonly writes: WriteCoalescer;
  private readonly frames: FrameSequence<Judged>;
  private readonly untrack: () => void;

  constructor(
    private readonly ws: WebSocket,
    socket: Duplex,
    private readonly agent: AgentIdentity,
    private readonly options: AgentConnectionDeps,
    onClosed: (connection: AgentConnection) => void,
  ) {
    this.instanceId = agent.instanceId;
    this.name = agent.name;
    this.flow = new ReadGate(ws, CONNECTION_QUEUE_LIMITS);
    this.writes = new WriteCoalescer(socket);
    this.frames = new FrameSequence<Judged>(this.answered, this.unanswered);
    this.untrack = options.tokens.track(agent.tokenId, this);
    options.keepalive.watch(ws, this.silent);
    options.links.connected(this);
    ws.on('message', this.received);
    ws.on('close', () => {
      onClosed(this);
      this.untrack();
      this.flow.close();
      options.links.disconnected(this);
    });
    ws.on('error', error =>
      options.logger.warn(
        `Agent connection of ${agent.name}: ${error.message}`,
      ),
    );
  }

  send(frame: BackendLiveFrame) {
    this.options.links.claim(this.instanceId, frame);
    this.write(frame);
  }

  sendData(bytes: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN)
      this.ws.send(bytes, { binary: true });
  }

  close(code: number, reason: string) {
    this.ws.close(code, reason);
  }

  private write(frame: BackendFrame | BackendLiveFrame) {
    if (this.ws.readyState === WebSocket.OPEN)
      this.ws.send(JSON.stringify(frame));
  }

  private readonly silent = () => {
    this.options.logger.warn(
      `Agent connection of ${this.name} went silent; it is unreachable until it connects again`,
    );
    this.options.onUnreachable(this.instanceId);
  };

  private readonly answered = ({ answer, registered }: Judged) => {
    this.writes.beforeWrite();
    this.write(answer);
    // an agent registers on every connect, once it listens: what waited for it can go now
    if (!registered) return;
    try {
      this.options.links.registered(this);
    } catch (error) {
      // the frame was answered: its connection stays
      this.options.logger.error(`After ${this.name} registered: ${error}`);
    }
  };

  private readonly unanswered = (error: unknown) => {
    // the agent keeps a frame until it is answered and sends it again on its next connection
    this.options.logger.error(
      `Agent frame of ${this.name} not answered, closing its connection: ${error}`,
    );
    this.ws.close(1011, 'a frame could not be answered; send it again');
  };

  private inOrder(
    bytes: number,
    together: boolean,
    work: () => Promise<Judged> | Judged,
  ) {
    this.flow.queued(bytes);
    this.frames.push(together, work, () => this.flow.done(bytes));
  }

  private live() {
    if (!this.options.liveLimiter.take(this.instanceId))
      this.flow.throttle(THROTTLE_MS);
  }

  private readonly received = (data: unknown, isBinary: boolean) => {
    const bytes = data as Buffer;
    if (isBinary) {
      this.live();
      const frame = decodeDataFrame(bytes);
      if (frame) this.options.links.data(this, frame);
      else
        this.write({
          type: 'error',
          status: 400,
          message: '(root): not a data frame',
        });
      return;
    }
    let json: any;
    try {
      json = JSON.parse(bytes.toString());
    } catch {
      this.inOrder(
        0,
        true,
        refusal({
          type: 'error',
          status: 400,
          message: '(root): the frame is not JSON',
        }),
      );
      return;
    }
    // live frames (escaped command output) may be larger than an ingest frame
    if (isLiveFrameType(json?.type)) {
      this.live();
      const parsed = agentLiveFrameSchema.safeParse(json);
      if (parsed.success) this.options.links.frame(this, parsed.data);
      else
        this.write({
          type: 'error',
          status: 400,
          message: describeZodError(parsed.error),
        });
      return;
    }
    if (bytes.length > INGEST_LIMITS.maxFrameBytes) {
      this.inOrder(
        0,
        true,
        refusal({
          type: 'error',
          id: rawFrameId(json),
          status: 413,
          message: `(root): larger than the ${INGEST_LIMITS.maxFrameBytes} byte limit`,
        }),
      );
      return;
    }
    const agent = this.agent;
    const ingest = this.options.ingest;
    this.inOrder(bytes.length, storedTogether(json), () =>
      ingest.receive(agent, json),
    );
  };
}
