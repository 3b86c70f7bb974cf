#!/usr/bin/env node
// Bundles the agent into one file that starts without a TypeScript
// transpiler: dist-bundle/sindri-agent.cjs, with manifest.json (version,
// sha256, the native dependencies to install beside it). node-pty stays a
// native dependency; ws's optional native helpers are used when present.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const agentDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const outDir = process.argv[2]
  ? path.resolve(process.argv[2])
  : path.join(agentDir, 'dist-bundle');
const pkg = JSON.parse(
  fs.readFileSync(path.join(agentDir, 'package.json'), 'utf8'),
);
const NATIVE = ['node-pty', 'bufferutil', 'utf-8-validate'];
// Node options the agent runs with (the install script's launcher passes them).
// A small young generation: the agent's heap is about 8 MB, and with V8's
// default (semi-spaces growing to 16 MB) a terminal flood grows the young
// generation past the old generation's headroom, so V8 marks the whole heap
// every few tens of milliseconds; at 2 MB the flood costs the agent a third
// less CPU per MB (yarn bench:terminal) and its RSS stays lower.
const NODE_OPTIONS = ['--max-semi-space-size=2'];

fs.mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, 'sindri-agent.cjs');
await esbuild.build({
  entryPoints: [path.join(agentDir, 'src/bin.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  external: NATIVE,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
const bytes = fs.readFileSync(outfile);
const manifest = {
  name: 'sindri-agent',
  version: pkg.version,
  file: 'sindri-agent.cjs',
  sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  bytes: bytes.length,
  // installed beside the bundle with npm: node-pty builds against the instance's Node
  nativeDependencies: { 'node-pty': pkg.dependencies['node-pty'] },
  nodeOptions: NODE_OPTIONS,
};
fs.writeFileSync(
  path.join(outDir, 'manifest.json'),
  `${JSON.stringify(manifest, null, 2)}\n`,
);
console.log(
  `agent bundle: ${path.relative(process.cwd(), outfile)} ${
    manifest.bytes
  } bytes sha256=${manifest.sha256}`,
);
