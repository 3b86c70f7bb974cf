import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { WebSocket } from 'ws';
import {
  agentLiveFrameSchema,
  decodeDataFrame,
} from '@internal/plugin-sindri-common';
import { Keepalive } from '../sockets/Keepalive';
import { AgentLink, AgentLinks } from './AgentLinks';
import { LinkDirectory } from './LinkDirectory';

const OPEN_TIMEOUT_MS = 5_000;

/**
 * The side of the bridge on a replica that wants an agent connected to
 * another: it finds that replica in the link directory, opens one socket to
 * it per instance with the Sindri plugin's service token, and puts a bridged
 * link in `AgentLinks`, through which terminals and commands work as they do
 * with an agent connected here.
 */
export class BridgeClient {
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly options: {
      replicaId: string;
      links: AgentLinks;
      directory: LinkDirectory;
      auth: AuthService;
      keepalive: Keepalive;
      logger: LoggerService;
    },
  ) {
    options.links.setBridgeOpener(id => this.open(id));
  }

  async open(instanceId: string): Promise<AgentLink | undefined> {
    const { links, logger } = this.options;
    const location = await this.options.directory.find(instanceId);
    if (!location?.internalUrl || location.replicaId === this.options.replicaId)
      return undefined;
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'sindri',
    });
    const url = `${location.internalUrl.replace(
      /^http/,
      'ws',
    )}/internal/agent-links/${instanceId}`;
    const ws = new WebSocket(url, {
      headers: { Authorization: `Bearer ${token}` },
      maxPayload: 1024 * 1024,
      handshakeTimeout: OPEN_TIMEOUT_MS,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
        ws.once('unexpected-response', (_req, res) =>
          reject(new Error(`${res.statusCode} ${res.statusMessage}`)),
        );
      });
    } catch (error) {
      logger.warn(
        `Could not reach the agent of ${location.name} through replica ${location.replicaId} (${url}): ${error}`,
      );
      ws.terminate();
      return undefined;
    }
    const link: AgentLink = {
      instanceId,
      name: location.name,
      via: location.replicaId,
      send: frame => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
      },
      sendData: bytes => {
        if (ws.readyState === WebSocket.OPEN) ws.send(bytes, { binary: true });
      },
      close: (code, reason) => ws.close(code, reason),
    };
    this.sockets.add(ws);
    this.options.keepalive.watch(ws);
    ws.on('message', (raw, isBinary) => {
      if (isBinary) {
        const frame = decodeDataFrame(raw as Buffer);
        if (frame) links.data(link, frame);
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString());
      } catch {
        return;
      }
      const parsed = agentLiveFrameSchema.safeParse(json);
      if (parsed.success) links.frame(link, parsed.data);
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      links.disconnected(link);
    });
    ws.on('error', error =>
      logger.warn(`Bridge to ${location.name}: ${error.message}`),
    );
    links.connected(link);
    links.registered(link);
    return link;
  }

  close() {
    for (const ws of this.sockets) ws.close(1001, 'replica stopping');
  }
}
