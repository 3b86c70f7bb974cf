import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import { WebSocket, WebSocketServer } from 'ws';
import {
  backendLiveFrameSchema,
  decodeDataFrame,
  encodeDataFrame,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { refuseUpgrade } from '../sockets/refuseUpgrade';
import {
  AgentLink,
  AgentLinks,
  BridgeSink,
  liveFrameSubject,
  LiveListener,
} from './AgentLinks';

/** `/api/sindri/internal/agent-links/{instanceId}` below the plugin's base path. */
export const BRIDGE_PATH = /^\/internal\/agent-links\/([0-9a-f-]{36})$/;

/** Close code of a bridge whose agent went from this replica. */
export const BRIDGE_AGENT_GONE = 4000;

/**
 * The side of the bridge on the replica an agent is connected to: another
 * replica (authenticated with the Sindri plugin's service credentials) sends
 * live frames for the agent, and gets back the agent's frames about the
 * terminal sessions and commands it started, in order, on one socket.
 */
export class BridgeServer implements LiveListener {
  private readonly wss = new WebSocketServer({
    noServer: true,
    // as the agent's own socket
    maxPayload: 1024 * 1024,
  });
  private readonly bridges = new Map<WebSocket, string>();

  constructor(
    private readonly options: {
      links: AgentLinks;
      guard: PermissionGuard;
      logger: LoggerService;
    },
  ) {
    options.links.addListener(this);
  }

  async handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    match: RegExpMatchArray,
  ): Promise<void> {
    try {
      await this.options.guard.requirePeerReplica(req);
    } catch (error) {
      if (error instanceof NotAllowedError)
        refuseUpgrade(socket, 403, 'Forbidden', error.message);
      else
        refuseUpgrade(
          socket,
          401,
          'Unauthorized',
          error instanceof AuthenticationError
            ? error.message
            : 'no valid service token',
        );
      return;
    }
    const instanceId = match[1];
    if (!this.options.links.getLocal(instanceId)) {
      refuseUpgrade(
        socket,
        404,
        'Not Found',
        `the agent of instance ${instanceId} is not connected to this replica`,
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, ws => this.serve(ws, instanceId));
  }

  onDisconnect(link: AgentLink): void {
    if (link.via) return;
    for (const [ws, instanceId] of this.bridges)
      if (instanceId === link.instanceId)
        ws.close(BRIDGE_AGENT_GONE, 'the agent disconnected from this replica');
  }

  onFrame(): void {}

  onData(): void {}

  close() {
    for (const ws of this.bridges.keys()) ws.close(1001, 'replica stopping');
  }

  private serve(ws: WebSocket, instanceId: string) {
    const { links, logger } = this.options;
    this.bridges.set(ws, instanceId);
    const sink: BridgeSink = {
      frame: frame => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
      },
      data: frame => {
        if (ws.readyState === WebSocket.OPEN)
          ws.send(encodeDataFrame(frame.kind, frame.session, frame.payload), {
            binary: true,
          });
      },
    };
    ws.on('message', (raw, isBinary) => {
      const link = links.getLocal(instanceId);
      if (!link) {
        ws.close(BRIDGE_AGENT_GONE, 'the agent disconnected from this replica');
        return;
      }
      if (isBinary) {
        const frame = decodeDataFrame(raw as Buffer);
        if (frame?.kind === 'input') link.sendData(raw as Buffer);
        return;
      }
      let parsed;
      try {
        parsed = backendLiveFrameSchema.safeParse(JSON.parse(raw.toString()));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) {
        logger.warn(
          `A bridged frame for ${link.name} was not a live frame; dropped`,
        );
        return;
      }
      link.send(parsed.data);
      links.route(instanceId, liveFrameSubject(parsed.data), sink);
    });
    ws.on('close', () => {
      this.bridges.delete(ws);
      links.unroute(sink);
    });
    ws.on('error', error =>
      logger.warn(`Bridge of instance ${instanceId}: ${error.message}`),
    );
  }
}
