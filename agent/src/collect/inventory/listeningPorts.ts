import si from 'systeminformation';
import { ListeningPort } from '@internal/plugin-sindri-common';

/** TCP sockets listening, with the process that holds each when it can be read. */
export async function readListeningPorts(): Promise<ListeningPort[]> {
  const connections = await si.networkConnections().catch(() => []);
  const seen = new Set<string>();
  const ports: ListeningPort[] = [];
  for (const c of connections) {
    if (c.state !== 'LISTEN') continue;
    const port = Number(c.localPort);
    if (!Number.isInteger(port)) continue;
    const key = `${c.protocol} ${c.localAddress} ${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push({
      protocol: String(c.protocol).slice(0, 8),
      address: String(c.localAddress || '*').slice(0, 64),
      port,
      ...(c.process ? { process: String(c.process).slice(0, 128) } : {}),
      ...(c.pid ? { pid: c.pid } : {}),
    });
  }
  return ports.sort((a, b) => a.port - b.port);
}
