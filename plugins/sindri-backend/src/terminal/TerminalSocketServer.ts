import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import {
  describeZodError,
  instanceEntityRef,
  instanceNameSchema,
  LIVE_LIMITS,
  sindriInstanceTerminalPermission,
  TERMINAL_CLOSE_CODES,
  terminalClientMessageSchema,
  terminalSessionIdSchema,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { Keepalive } from '../sockets/Keepalive';
import { InstanceStore } from '../database/InstanceStore';
import { TerminalRelay } from './TerminalRelay';
import { TerminalAttachment, TerminalViewer } from './relayTypes';
import { refuseUpgrade } from '../sockets/refuseUpgrade';

/** `/api/sindri/instances/{name}/terminal/{session}` below the plugin's base path. */
export const TERMINAL_PATH = /^\/instances\/([^/]+)\/terminal\/([^/]+)$/;

const sizeSchema = z.object({
  cols: z.coerce.number().int().min(2).max(1000).default(80),
  rows: z.coerce.number().int().min(1).max(500).default(24),
});

/**
 * Browser terminals: authenticates the upgrade the Backstage way (the user
 * cookie that `/.backstage/auth/v1/cookie` issues, or a bearer token), checks
 * `sindri.instance.terminal` on the instance, then attaches the socket to the
 * relay. Refusals are plain HTTP answers: 400, 401, 403 or 404.
 */
export class TerminalSocketServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIVE_LIMITS.maxInputBytes + 1024,
  });
  private readonly sockets = new Set<WebSocket>();
  // a browser that vanished (sleep, network change) never closes its socket: ping, and drop the silent
  private readonly keepalive = new Keepalive(60_000);
  /** who holds each open socket, on which instance: the permission is asked again while it is open */
  private readonly holders = new Map<
    WebSocket,
    { credentials: BackstageCredentials; resourceRef: string }
  >();
  private readonly recheck: NodeJS.Timeout;

  constructor(
    private readonly options: {
      guard: PermissionGuard;
      instances: InstanceStore;
      relay: TerminalRelay;
      logger: LoggerService;
      /** origins a browser may open terminals from (the app's and the backend's) */
      allowedOrigins: string[];
      /** how often open terminals' permission is checked again (a role taken away ends them). Default: 30 s */
      recheckIntervalMs?: number;
    },
  ) {
    this.recheck = setInterval(
      () => void this.recheckPermissions(),
      options.recheckIntervalMs ?? 30_000,
    );
    this.recheck.unref?.();
  }

  async handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    match: RegExpMatchArray,
  ): Promise<void> {
    const origin = req.headers.origin;
    if (origin && !this.options.allowedOrigins.includes(origin)) {
      refuseUpgrade(
        socket,
        403,
        'Forbidden',
        `origin: ${origin} may not open terminals`,
      );
      return;
    }
    const decode = (part: string) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part; // not URI-encoded properly: the schema refuses it below
      }
    };
    const name = instanceNameSchema.safeParse(decode(match[1]));
    const sessionId = terminalSessionIdSchema.safeParse(decode(match[2]));
    const size = sizeSchema.safeParse(
      Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams),
    );
    const invalid = [
      !name.success && describeZodError(name.error, 'name'),
      !sessionId.success && describeZodError(sessionId.error, 'session'),
      !size.success && describeZodError(size.error, 'query'),
    ].find(Boolean);
    if (invalid || !name.success || !sessionId.success || !size.success) {
      refuseUpgrade(socket, 400, 'Bad Request', invalid || 'invalid request');
      return;
    }

    let user: string;
    let credentials;
    try {
      credentials = await this.options.guard.upgradeCredentials(req);
      user = credentials.principal.userEntityRef;
    } catch {
      refuseUpgrade(
        socket,
        401,
        'Unauthorized',
        'sign in first: no valid user cookie or token',
      );
      return;
    }
    let instance;
    try {
      if (
        !(await this.options.guard.allows(
          credentials,
          sindriInstanceTerminalPermission,
          instanceEntityRef(name.data),
        ))
      ) {
        refuseUpgrade(
          socket,
          403,
          'Forbidden',
          `not permitted: ${sindriInstanceTerminalPermission.name} on ${name.data}`,
        );
        return;
      }
      instance = await this.options.instances.getByName(name.data);
    } catch (error) {
      this.options.logger.error(
        `Terminal open on ${name.data} failed: ${error}`,
      );
      refuseUpgrade(
        socket,
        503,
        'Service Unavailable',
        'the portal could not open the terminal now; try again',
      );
      return;
    }
    if (!instance?.registeredAt) {
      refuseUpgrade(
        socket,
        404,
        'Not Found',
        `no registered instance named ${name.data}`,
      );
      return;
    }

    const resourceRef = instanceEntityRef(name.data);
    this.wss.handleUpgrade(req, socket, head, ws => {
      this.holders.set(ws, { credentials, resourceRef });
      this.serve(ws, {
        instanceId: instance.id,
        sessionId: sessionId.data,
        ...size.data,
        user,
      });
    });
  }

  /** Closes the terminals of users no longer allowed them (4403); a policy that cannot answer closes none. */
  private async recheckPermissions() {
    for (const [ws, { credentials, resourceRef }] of this.holders) {
      const allowed = await this.options.guard
        .allows(credentials, sindriInstanceTerminalPermission, resourceRef)
        .catch(() => true);
      if (!allowed)
        ws.close(
          TERMINAL_CLOSE_CODES.forbidden,
          `not permitted any more: ${sindriInstanceTerminalPermission.name}`,
        );
    }
  }

  close() {
    clearInterval(this.recheck);
    this.keepalive.close();
    for (const ws of this.sockets) ws.close(1001, 'backend shutting down');
  }

  private serve(
    ws: WebSocket,
    options: {
      instanceId: string;
      sessionId: string;
      cols: number;
      rows: number;
      user: string;
    },
  ) {
    this.sockets.add(ws);
    this.keepalive.watch(ws);
    const viewer: TerminalViewer = {
      user: options.user,
      send: message => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
      },
      sendData: bytes => {
        if (ws.readyState === WebSocket.OPEN) ws.send(bytes, { binary: true });
      },
      close: (code, reason) => ws.close(code, reason),
      buffered: () => ws.bufferedAmount,
    };
    const attached = this.options.relay.attach({ ...options, viewer });
    const fail = (message: string) => {
      viewer.send({ type: 'error', message });
      ws.close(TERMINAL_CLOSE_CODES.badRequest, message.slice(0, 120));
    };
    // messages wait for the attachment, in order
    const handle = (
      attachment: TerminalAttachment | undefined,
      data: Buffer,
      isBinary: boolean,
    ) => {
      if (!attachment) return;
      if (isBinary) {
        attachment.input(data);
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        fail('(root): a text message must be JSON');
        return;
      }
      const parsed = terminalClientMessageSchema.safeParse(json);
      if (!parsed.success) {
        fail(describeZodError(parsed.error));
        return;
      }
      const message = parsed.data;
      if (message.type === 'resize')
        attachment.resize(message.cols, message.rows);
      else if (message.type === 'ack') attachment.ack(message.bytes);
      else attachment.close();
    };
    ws.on('message', (data, isBinary) => {
      void attached.then(a => handle(a, data as Buffer, isBinary));
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.holders.delete(ws);
      void attached.then(a => a?.detach());
    });
    ws.on('error', error =>
      this.options.logger.debug(`Terminal socket: ${error.message}`),
    );
  }
}
