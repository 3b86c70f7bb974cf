import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import express from 'express';

type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;

/**
 * WebSocket upgrades bypass Express, and Backstage gives a plugin no handle on
 * the HTTP server. Any request that reaches the router reveals the server; from
 * then on its `upgrade` events for `path` go to `onUpgrade`.
 *
 * Node hands upgrade requests to Express only while no `upgrade` listener
 * exists, which is how other plugins (signals) find the server the same way.
 * So while ours is the only listener, an upgrade for another path is passed
 * back to Express as a plain request, as Node would have done.
 */
export function createUpgradeMiddleware(path: () => Promise<string>, onUpgrade: UpgradeHandler): express.RequestHandler {
  let server: Server | undefined;

  const listener = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '').split('?')[0] === (await path())) {
      await onUpgrade(req, socket, head);
    } else if (server && server.listenerCount('upgrade') === 1) {
      const res = new ServerResponse(req);
      res.assignSocket(socket as Socket);
      server.emit('request', req, res);
    }
  };

  return (req, _res, next) => {
    // any request will do: the first one tells us the server
    const found = (req.socket as unknown as { server?: Server }).server;
    if (found && !server) {
      server = found;
      server.on('upgrade', (r, s, h) => {
        listener(r, s, h).catch(() => s.destroy());
      });
    }
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') {
      next();
      return;
    }
    // an upgrade that reached Express before anyone listened: serve it here if it is ours
    path()
      .then(p => (req.originalUrl.split('?')[0] === p ? onUpgrade(req, req.socket, Buffer.alloc(0)) : next()))
      .catch(next);
  };
}
