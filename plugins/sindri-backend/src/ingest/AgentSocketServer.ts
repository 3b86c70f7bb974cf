import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { AgentIdentity, AgentTokenStore } from '../tokens/AgentTokenStore';
import { bearerToken } from '../tokens/agentToken';
import { AgentConnection, AgentConnectionDeps } from './AgentConnection';

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    () => socket.destroy(),
  );
}

export interface AgentSocketServerOptions extends AgentConnectionDeps {
  tokenStore: AgentTokenStore;
}

/**
 * The agents' one outbound connection: `GET /api/sindri/agent/connect` upgraded
 * to a WebSocket, authenticated by the agent token, and held only while that
 * token is valid. Ingest frames of one connection are answered in order, each
 * by an ack or an error naming its id (samples are stored without waiting for
 * each other, everything else in turn: see FrameSequence); a frame that cannot
 * be answered closes the connection (1011), so that the agent sends it again
 * instead of waiting for an answer that will not come; a connection with
 * too much waiting is not read until it drains. Live frames (terminals, commands: JSON
 * `pty-*`/`cmd-*` and binary data frames) go to the AgentLinks listeners at
 * once, in arrival order, at a bounded rate.
 */
export class AgentSocketServer {
  // live frames (a terminal replay, escaped command output) may exceed an ingest frame's limit
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
  });
  private readonly connections = new Set<AgentConnection>();

  constructor(private readonly options: AgentSocketServerOptions) {}

  async handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): Promise<void> {
    let agent: AgentIdentity | undefined;
    try {
      agent = await this.options.tokenStore.authenticate(
        bearerToken(req.headers.authorization),
      );
    } catch (error) {
      this.options.logger.error(`Agent connection not authenticated: ${error}`);
      refuse(socket, 503, 'Service Unavailable');
      return;
    }
    if (!agent) {
      refuse(socket, 401, 'Unauthorized');
      return;
    }
    const identity = agent;
    this.wss.handleUpgrade(req, socket, head, ws =>
      this.serve(ws, identity, socket),
    );
  }

  /** Closes every agent connection, e.g. when the backend stops. */
  close() {
    for (const connection of this.connections)
      connection.close(1001, 'backend shutting down');
  }

  private serve(ws: WebSocket, agent: AgentIdentity, socket: Duplex) {
    this.connections.add(
      new AgentConnection(ws, socket, agent, this.options, connection =>
        this.connections.delete(connection),
      ),
    );
  }
}
