// The floor of a three-process relay, for yarn bench:terminal: a bare
// WebSocket relay (no auth, no audit, no flow control, no framing) between
// a client and an "agent" process that holds a node-pty shell. Usage:
//   node floorRelay.js relay            → prints its port, pipes /client ⇄ /agent
//   node floorRelay.js agent PORT       → connects to /agent, runs the shell
//   node floorRelay.js hop PORT         → prints its port, pipes each client ⇄ PORT's /client
//                                         (a second relay in front: a forwarded hop's floor)
const os = require('node:os');
const { WebSocket, WebSocketServer } = require('ws');

if (process.argv[2] === 'hop') {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', client => {
    const next = new WebSocket(`ws://127.0.0.1:${process.argv[3]}/client`);
    const early = [];
    next.on('open', () => early.splice(0).forEach(d => next.send(d)));
    client.on('message', data =>
      next.readyState === WebSocket.OPEN
        ? next.send(data, { binary: true })
        : early.push(data),
    );
    next.on('message', data => client.send(data, { binary: true }));
  });
  wss.on('listening', () => console.log(wss.address().port));
} else if (process.argv[2] === 'relay') {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const peers = {};
  wss.on('connection', (ws, req) => {
    const me = req.url === '/agent' ? 'agent' : 'client';
    const other = me === 'agent' ? 'client' : 'agent';
    peers[me] = ws;
    ws.on('message', data => peers[other]?.send(data, { binary: true }));
  });
  wss.on('listening', () => console.log(wss.address().port));
} else {
  const pty = require('node-pty');
  const ws = new WebSocket(`ws://127.0.0.1:${process.argv[3]}/agent`);
  ws.on('open', () => {
    const shell = pty.spawn(os.userInfo().shell || '/bin/bash', ['-l'], {
      name: 'xterm-256color',
      cols: 200,
      rows: 50,
      cwd: os.homedir(),
      env: process.env,
      encoding: null,
    });
    // as the agent does: a lone small read at once, a stream gathered for up to 2 ms / 64 KiB
    let pending = [];
    let bytes = 0;
    let timer;
    let immediate;
    const flush = () => {
      clearTimeout(timer);
      clearImmediate(immediate);
      timer = immediate = undefined;
      if (!bytes) return;
      ws.send(
        pending.length === 1 ? pending[0] : Buffer.concat(pending, bytes),
      );
      pending = [];
      bytes = 0;
    };
    shell.onData(data => {
      pending.push(data);
      bytes += data.length;
      if (bytes >= 64 * 1024) flush();
      else if (bytes >= 1024) {
        if (!timer) {
          clearImmediate(immediate);
          immediate = undefined;
          timer = setTimeout(flush, 2);
        }
      } else if (!timer && !immediate) {
        flush();
        immediate = setImmediate(flush);
      }
    });
    ws.on('message', data => shell.write(data));
    ws.on('close', () => shell.kill());
  });
}
