import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import express from 'express';

/** A WebSocket route below the plugin's base path, e.g. `/agent/connect`. */
export interface UpgradeRoute {
  path: RegExp;
  handle(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    match: RegExpMatchArray,
  ): Promise<void>;
}

/**
 * WebSocket upgrades bypass Express, and Backstage gives a plugin no handle on
 * the HTTP server. Any request that reaches the router reveals the server; from
 * then on its `upgrade` events for our routes go to their handlers.
 *
 * Node hands upgrade requests to Express only while no `upgrade` listener
 * exists, which is how other plugins (signals) find the server the same way.
 * So while ours is the only listener, an upgrade for another path is passed
 * back to Express as a plain request, as Node would have done.
 */
export function createUpgradeMiddleware(
  basePath: () => Promise<string>,
  routes: UpgradeRoute[],
  onServer?: (server: Server) => void,
): express.RequestHandler {
  let server: Server | undefined;

  const route = async (url: string) => {
    const base = await basePath();
    const path = url.split('?')[0];
    if (!path.startsWith(`${base}/`)) return undefined;
    for (const r of routes) {
      const match = path.slice(base.length).match(r.path);
      if (match) return { r, match };
    }
    return undefined;
  };

  const listener = async (
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ) => {
    const found = await route(req.url ?? '');
    if (found) {
      await found.r.handle(req, socket, head, found.match);
    } else if (server && server.listenerCount('upgrade') === 1) {
      // answered as a plain request, then closed: this socket is outside the server's keep-alive handling
      const res = new ServerResponse(req);
      res.shouldKeepAlive = false;
      res.assignSocket(socket as Socket);
      res.on('finish', () => socket.destroy());
      server.emit('request', req, res);
    }
  };

  return (req, _res, next) => {
    // any request will do: the first one tells us the server
    const found = (req.socket as unknown as { server?: Server }).server;
    if (found && !server) {
      server = found;
      onServer?.(found);
      server.on('upgrade', (r, s, h) => {
        listener(r, s, h).catch(() => s.destroy());
      });
    }
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') {
      next();
      return;
    }
    // an upgrade that reached Express before anyone listened: serve it here if it is ours
    route(req.originalUrl)
      .then(ours =>
        ours
          ? ours.r.handle(req, req.socket, Buffer.alloc(0), ours.match)
          : next(),
      )
      .catch(next);
  };
}
