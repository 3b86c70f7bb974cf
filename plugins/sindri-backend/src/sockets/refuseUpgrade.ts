import { Duplex } from 'node:stream';

/** Refuses a WebSocket upgrade with a plain HTTP answer carrying a Backstage-style error body. */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  reason: string,
  message: string,
) {
  const body = JSON.stringify({
    error: { name: reason.replace(/ /g, ''), message },
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(
      body,
    )}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}
