import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { WebSocket, WebSocketServer } from 'ws';
import {
  AgentLiveFrame,
  agentLiveFrameSchema,
  BackendLiveFrame,
  backendLiveFrameSchema,
  DataFrame,
  decodeDataFrame,
  encodeDataFrame,
  frameId,
  isLiveFrameType,
  Registration,
  pollUntil,
} from '@internal/plugin-sindri-common';
import { AgentConnection } from '../connection/AgentConnection';
import { LiveChannel } from '../live/LiveChannel';
import { Outbox } from '../outbox';

export const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

export type Received =
  | { kind: 'frame'; frame: AgentLiveFrame }
  | { kind: 'data'; frame: DataFrame };

/**
 * A stand-in for the portal backend's agent endpoint: a real WebSocket server
 * on 127.0.0.1 that acks ingest frames, validates every live frame the agent
 * sends against the contract, and records what arrived, in order.
 */
export class BackendStandIn {
  socket?: WebSocket;
  connections = 0;
  /** everything live the agent sent on any connection, in arrival order */
  readonly received: Received[] = [];
  /** live frames that broke the contract (a test fails on any) */
  readonly invalid: string[] = [];
  /** the largest text frame the agent sent */
  maxTextFrameBytes = 0;
  /** while true, connections are refused with 503 */
  refuse = false;
  /** while true, cmd-exit and pty-exit are acknowledged as the portal does once it has stored them */
  ackExits = true;
  /** output text by session, appended as it comes */
  private readonly outputs = new Map<
    string,
    { decoder: StringDecoder; text: string; bytes: number }
  >();

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', ws => {
      this.connections += 1;
      this.socket = ws;
      ws.on('message', (data, isBinary) =>
        this.onMessage(ws, data as Buffer, isBinary),
      );
      ws.on('close', () => {
        if (this.socket === ws) this.socket = undefined;
      });
    });
  }

  static async start(): Promise<BackendStandIn> {
    const created: { standIn?: BackendStandIn } = {};
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      path: '/api/sindri/agent/connect',
      verifyClient: (_info, done) =>
        created.standIn!.refuse ? done(false, 503) : done(true),
    });
    created.standIn = new BackendStandIn(wss);
    await new Promise<void>(resolve => wss.once('listening', resolve));
    return created.standIn;
  }

  /** Throws if the agent sent anything that breaks the contract. */
  assertValid(): void {
    if (this.invalid.length > 0)
      throw new Error(
        `the agent broke the live contract:\n${this.invalid.join('\n')}`,
      );
  }

  get url(): string {
    return `http://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  /** Sends a backend live frame (checked against the contract first). */
  send(frame: BackendLiveFrame): void {
    this.sendRaw(backendLiveFrameSchema.parse(frame));
  }

  sendRaw(json: unknown): void {
    this.socket!.send(JSON.stringify(json));
  }

  input(session: string, bytes: string | Uint8Array): void {
    const payload = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    this.socket!.send(encodeDataFrame('input', session, payload));
  }

  frames<T extends AgentLiveFrame['type']>(
    type: T,
    filter: (f: Extract<AgentLiveFrame, { type: T }>) => boolean = () => true,
  ): Array<Extract<AgentLiveFrame, { type: T }>> {
    return this.received
      .filter(
        (r): r is { kind: 'frame'; frame: AgentLiveFrame } =>
          r.kind === 'frame' && r.frame.type === type,
      )
      .map(r => r.frame as Extract<AgentLiveFrame, { type: T }>)
      .filter(filter);
  }

  dataFrames(session: string, kind: DataFrame['kind']): DataFrame[] {
    return this.received
      .filter(
        (r): r is { kind: 'data'; frame: DataFrame } =>
          r.kind === 'data' &&
          r.frame.session === session &&
          r.frame.kind === kind,
      )
      .map(r => r.frame);
  }

  /** All output of a session so far, as text. */
  output(session: string): string {
    return this.outputs.get(session)?.text ?? '';
  }

  /** The last `chars` of it (cheap to poll while a flood arrives). */
  outputTail(session: string, chars = 200): string {
    return this.output(session).slice(-chars);
  }

  outputBytes(session: string): number {
    return this.outputs.get(session)?.bytes ?? 0;
  }

  /** Text of a command's stream, as cmd-output frames carried it. */
  commandOutput(run: string, stream: 'stdout' | 'stderr' = 'stdout'): string {
    return this.frames('cmd-output', f => f.run === run && f.stream === stream)
      .map(f => f.data)
      .join('');
  }

  /** Forgets what was received (e.g. a flood's output, once checked). */
  clear(): void {
    this.received.length = 0;
    this.outputs.clear();
  }

  async close(): Promise<void> {
    this.wss.clients.forEach(ws => ws.terminate());
    await new Promise(resolve => this.wss.close(resolve));
  }

  private onMessage(ws: WebSocket, data: Buffer, isBinary: boolean) {
    if (isBinary) {
      const frame = decodeDataFrame(new Uint8Array(data));
      if (!frame || frame.kind === 'input')
        this.invalid.push(`bad data frame (${data.length} bytes)`);
      else if (frame.kind === 'replay')
        this.received.push({
          kind: 'data',
          frame: { ...frame, payload: Buffer.from(frame.payload) },
        });
      else {
        // output is kept as text only: a flood would make a frame list heavy
        this.received.push({
          kind: 'data',
          frame: { ...frame, payload: Buffer.alloc(0) },
        });
        let output = this.outputs.get(frame.session);
        if (!output)
          this.outputs.set(
            frame.session,
            (output = {
              decoder: new StringDecoder('utf8'),
              text: '',
              bytes: 0,
            }),
          );
        output.text += output.decoder.write(frame.payload);
        output.bytes += frame.payload.length;
      }
      return;
    }
    this.maxTextFrameBytes = Math.max(this.maxTextFrameBytes, data.length);
    const json = JSON.parse(data.toString());
    if (isLiveFrameType(json.type)) {
      const parsed = agentLiveFrameSchema.safeParse(json);
      if (parsed.success)
        this.received.push({ kind: 'frame', frame: parsed.data });
      else this.invalid.push(`${json.type}: ${parsed.error.message}`);
      if (parsed.success && this.ackExits && parsed.data.type === 'cmd-exit')
        ws.send(JSON.stringify({ type: 'cmd-exit-ack', run: parsed.data.run }));
      if (parsed.success && this.ackExits && parsed.data.type === 'pty-exit')
        ws.send(
          JSON.stringify({
            type: 'pty-exit-ack',
            session: parsed.data.session,
          }),
        );
      return;
    }
    ws.send(JSON.stringify({ type: 'ack', id: frameId(json) }));
  }
}

export const TEST_TOKEN = 'sindri_live_test_token_0123456789';

export interface LiveAgentUnderTest {
  connection: AgentConnection;
  live: LiveChannel;
  workspace: string;
  stop(): Promise<void>;
}

/**
 * The agent's connection and live channel, wired as the Agent wires them
 * (without sampling), talking to `standIn`. The token is in the environment
 * the shells and commands start from, under its own name and another; HOME
 * is an empty directory in the workspace.
 */
export async function startLiveAgent(
  standIn: BackendStandIn,
  options: { terminalIdleSeconds?: number } = {},
): Promise<LiveAgentUnderTest> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-live-test-'));
  const home = path.join(workspace, 'home');
  fs.mkdirSync(home);
  const registration = {
    instanceId: 'test-instance',
    name: 'demo-1',
  } as Registration;
  const connection = new AgentConnection({
    consoleUrl: standIn.url,
    token: TEST_TOKEN,
    outbox: new Outbox(100),
    registration: async () => registration,
    logger: silentLogger,
    maxBackoffMs: 200,
    baseBackoffMs: 50,
  });
  const live = new LiveChannel({
    link: connection,
    logger: silentLogger,
    workspace,
    shell: '/bin/bash',
    terminalIdleSeconds: options.terminalIdleSeconds ?? 900,
    token: TEST_TOKEN,
    // a fresh HOME: the login shell reads no dotfiles of the user running the tests
    env: {
      ...process.env,
      HOME: home,
      SINDRI_AGENT_TOKEN: TEST_TOKEN,
      SOME_COPY: TEST_TOKEN,
    },
  });
  connection.setLiveHandler(live);
  const before = standIn.connections;
  connection.start();
  await pollUntil(
    () => standIn.connections > before && standIn.socket,
    'the agent to connect',
  );
  return {
    connection,
    live,
    workspace,
    async stop() {
      await live.stop();
      connection.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/**
 * A backend stand-in and a live agent for each test of the calling suite,
 * stopped after it; the stand-in checks every frame the agent sent.
 */
export function useLiveAgent(options: { terminalIdleSeconds?: number } = {}): {
  readonly standIn: BackendStandIn;
  readonly agent: LiveAgentUnderTest;
} {
  const current = {} as { standIn: BackendStandIn; agent: LiveAgentUnderTest };
  beforeEach(async () => {
    current.standIn = await BackendStandIn.start();
    current.agent = await startLiveAgent(current.standIn, options);
  });
  afterEach(async () => {
    await current.agent.stop();
    await current.standIn.close();
    current.standIn.assertValid();
  });
  return current;
}
