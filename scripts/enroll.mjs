#!/usr/bin/env node
// `yarn sindri:enroll --name NAME --owner group:default/team [--url URL]`:
// enrolls an instance and prints its agent token (shown once; only a hash is
// kept). Uses $BACKSTAGE_TOKEN, or guest sign-in on the embedded default.
import { parseArgs } from 'node:util';
import { backstageToken, enroll } from './lib/portalClient.mjs';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    owner: { type: 'string' },
    url: { type: 'string', default: 'http://localhost:7007' },
  },
});

if (!values.name || !values.owner) {
  console.error(
    'usage: yarn sindri:enroll --name NAME --owner group:default/TEAM [--url http://localhost:7007]',
  );
  process.exit(2);
}
try {
  const result = await enroll(
    values.url,
    await backstageToken(values.url),
    values.name,
    values.owner,
  );
  console.log(
    `Enrolled ${result.name} for ${result.owner}. Give the instance these settings:`,
  );
  console.log(`SINDRI_CONSOLE_URL=${values.url}`);
  console.log(`SINDRI_INSTANCE_NAME=${result.name}`);
  console.log(`SINDRI_AGENT_TOKEN=${result.token}`);
} catch (error) {
  console.error(`sindri:enroll: ${error.message}`);
  process.exit(1);
}
