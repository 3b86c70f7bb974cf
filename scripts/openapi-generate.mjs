#!/usr/bin/env node
// Generates what the Sindri OpenAPI spec defines, so that nothing of the HTTP
// contract is typed twice:
//   plugins/sindri-common/src/schema/openapi.generated.ts   the spec's types (openapi-typescript)
//   plugins/sindri-backend/src/schema/openapi.generated.ts  the spec itself and the router's endpoint map
// `--check` writes nothing and exits 1 when a generated file is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specPath = path.join(
  root,
  'plugins/sindri-backend/src/schema/openapi.yaml',
);
const typesPath = path.join(
  root,
  'plugins/sindri-common/src/schema/openapi.generated.ts',
);
const routerPath = path.join(
  root,
  'plugins/sindri-backend/src/schema/openapi.generated.ts',
);
const banner =
  '// Generated from plugins/sindri-backend/src/schema/openapi.yaml by scripts/openapi-generate.mjs: do not edit.\n';
const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

async function format(source, file) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...options, filepath: file });
}

/** The success response's JSON schema type of an operation, or void. */
function responseType(op) {
  const codes = Object.keys(op.responses ?? {}).filter(c => /^2\d\d$/.test(c));
  for (const code of codes) {
    const content = op.responses[code].content ?? {};
    if (content['application/json'])
      return `operations['${op.operationId}']['responses'][${code}]['content']['application/json']`;
    // text and binary bodies (NDJSON streams, scripts, the agent bundle) are the route's to write
    if (Object.keys(content).length) return 'string | Uint8Array';
  }
  return 'void';
}

function endpointMap(spec) {
  const entries = [];
  for (const [route, item] of Object.entries(spec.paths)) {
    const shared = item.parameters ?? [];
    for (const method of METHODS) {
      const op = item[method];
      if (!op || op['x-websocket']) continue;
      const params = [...shared, ...(op.parameters ?? [])].map(p =>
        p.$ref
          ? p.$ref
              .split('/')
              .reduce((at, k) => (k === '#' ? spec : at[k]), spec)
          : p,
      );
      const at = `operations['${op.operationId}']`;
      const fields = [];
      if (params.some(p => p.in === 'path'))
        fields.push(`path: ${at}['parameters']['path'];`);
      if (params.some(p => p.in === 'query'))
        fields.push(`query: NonNullable<${at}['parameters']['query']>;`);
      if (op.requestBody?.content?.['application/json'])
        fields.push(
          `body: NonNullable<${at}['requestBody']>['content']['application/json'];`,
        );
      fields.push(`response: ${responseType(op)};`);
      const key = `#${method === 'delete' ? '_delete' : method}|${route}`;
      entries.push(`  '${key}': {\n    ${fields.join('\n    ')}\n  };`);
    }
  }
  return entries.join('\n');
}

async function generate() {
  const text = fs.readFileSync(specPath, 'utf8');
  const spec = YAML.parse(text);
  const types = astToString(await openapiTS(pathToFileURL(specPath)));
  const router = `${banner}
import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import type { SindriApiOperations as operations } from '@internal/plugin-sindri-common';

/** The spec the router validates every request against. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;

/** Every HTTP operation of the spec, as the typed router takes them. */
export type EndpointMap = {
${endpointMap(spec)}
};

/** An Express router that refuses what the spec forbids, typed by it. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouterFromGeneratedEndpointMap>['1'],
) => createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(spec, options);
`;
  return {
    [typesPath]: await format(`${banner}${types}`, typesPath),
    [routerPath]: await format(router, routerPath),
  };
}

const check = process.argv.includes('--check');
const stale = [];
for (const [file, content] of Object.entries(await generate())) {
  const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (now === content) continue;
  if (check) stale.push(path.relative(root, file));
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    console.log(`wrote ${path.relative(root, file)}`);
  }
}
if (stale.length) {
  console.error(`stale, run yarn openapi:generate: ${stale.join(', ')}`);
  process.exit(1);
}
