import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { WebSocket } from 'ws';
import {
  agentLiveFrameSchema,
  decodeDataFrame,
} from '@internal/plugin-sindri-common';
import { Keepalive } from '../sockets/Keepalive';
import { AgentLink, AgentLinks } from './AgentLinks';
import { LinkDirectory } from './LinkDirectory';

/**
 * How long a replica may take to answer a bridge's handshake, and how many
 * times one that did not answer (or could not be reached) is tried: a replica
 * whose event loop is busy (spawning processes is slow in some sandboxes)
 * answers late, and a command or terminal should not call its agent
 * unreachable for that. A refusal (401, 403, 404) is not tried again.
 */
const OPEN_TIMEOUT_MS = 15_000;
const OPEN_ATTEMPTS = 2;

class Refused extends Error {}

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
      /** how long a handshake may take; OPEN_TIMEOUT_MS unless a test says otherwise */
      openTimeoutMs?: number;
    },
  ) {
    options.links.setBridgeOpener(id => this.open(id));
  }

  async open(instanceId: string): Promise<AgentLink | undefined> {
    const { links, logger } = this.options;
    const location = await this.options.directory.find(instanceId);
    if (!location?.internalUrl || location.replicaId === this.options.replicaId)
      return undefined;
    const url = `${location.internalUrl.replace(
      /^http/,
      'ws',
    )}/internal/agent-links/${instanceId}`;
    let opened: WebSocket | undefined;
    for (let attempt = 1; !opened && attempt <= OPEN_ATTEMPTS; attempt++) {
      try {
        opened = await this.handshake(url);
      } catch (error) {
        const last = attempt === OPEN_ATTEMPTS || error instanceof Refused;
        logger.warn(
          `Could not reach the agent of ${location.name} through replica ${
            location.replicaId
          } (${url}): ${error}${last ? '' : '; trying again'}`,
        );
        if (last) return undefined;
      }
    }
    if (!opened) return undefined;
    const ws = opened;
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

  /** One WebSocket handshake with the replica holding the agent, with this plugin's service token. */
  private async handshake(url: string): Promise<WebSocket> {
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'sindri',
    });
    const ws = new WebSocket(url, {
      headers: { Authorization: `Bearer ${token}` },
      maxPayload: 1024 * 1024,
      handshakeTimeout: this.options.openTimeoutMs ?? OPEN_TIMEOUT_MS,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
        ws.once('unexpected-response', (_req, res) =>
          reject(new Refused(`${res.statusCode} ${res.statusMessage}`)),
        );
      });
      return ws;
    } catch (error) {
      ws.terminate();
      throw error;
    }
  }

  close() {
    for (const ws of this.sockets) ws.close(1001, 'replica stopping');
  }
}
