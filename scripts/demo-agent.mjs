#!/usr/bin/env node
// `yarn sindri:demo-agent [--name demo-1] [--url http://localhost:7007]`:
// enrolls a local instance with the running portal (guest sign-in of the
// embedded default) and runs a real sindri-agent for it on this machine.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { backstageToken, enrollOrRotate } from './lib/portalClient.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    name: { type: 'string', default: 'demo-1' },
    url: { type: 'string', default: 'http://localhost:7007' },
    owner: { type: 'string', default: 'group:default/guests' },
  },
});

try {
  const token = await backstageToken(values.url);
  const enrollment = await enrollOrRotate(
    values.url,
    token,
    values.name,
    values.owner,
  );
  console.log(
    `${enrollment.rotated ? 'Re-enrolled' : 'Enrolled'} ${values.name} (owner ${
      values.owner
    }); starting sindri-agent`,
  );
  const agent = spawn(
    process.execPath,
    [path.join(root, 'agent/bin/sindri-agent')],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        SINDRI_CONSOLE_URL: values.url,
        SINDRI_AGENT_TOKEN: enrollment.token,
        SINDRI_INSTANCE_NAME: values.name,
        SINDRI_PROVIDER: 'local',
        SINDRI_AGENT_STATE_DIR: path.join(root, 'data/agents', values.name),
      },
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => agent.kill(signal));
  agent.on('exit', code => process.exit(code ?? 0));
} catch (error) {
  console.error(`sindri:demo-agent: ${error.message}`);
  process.exit(1);
}
