import { Worker } from 'node:worker_threads';
import { getPackages } from '@manypkg/get-packages';
import { ConfigSchema, loadConfigSchema } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';

// Runs in the worker: plain JavaScript, so it needs no transpiler whether the
// backend runs from source or from its bundle.
const COMPILE_SCHEMA = `
const { parentPort, workerData } = require('node:worker_threads');
const { loadConfigSchema } = require(workerData.configLoader);
const warnings = [];
loadConfigSchema({
  dependencies: workerData.dependencies,
  onSchemaError: error => warnings.push(error.message),
}).then(
  schema => parentPort.postMessage({ serialized: schema.serialize(), warnings }),
  error => parentPort.postMessage({ error: String((error && error.message) || error) }),
);
`;

type WorkerReply =
  | { serialized: JsonObject; warnings: string[] }
  | { error: string };

/**
 * The configuration schema of every package in the workspace at `dir`, as
 * Backstage's root logger collects it to know which values are secrets.
 *
 * Published packages ship their schema as JSON, and the backend bundle
 * compiles ours to JSON when it is packed; but a backend run from source
 * compiles the `config.d.ts` files of the workspace (ours and the app's) with
 * TypeScript, whose two copies (config-loader's and ts-json-schema-generator's)
 * then stay loaded for good: about 40 MB of live heap and 110 MB of RSS that
 * every full garbage collection marks again. Compiled in a worker thread, they
 * go when the worker ends; only the serialized schema comes back.
 */
export async function loadConfigSchemaInWorker(options: {
  dir: string;
  onSchemaError: (message: string) => void;
}): Promise<ConfigSchema> {
  const { packages } = await getPackages(options.dir);
  const worker = new Worker(COMPILE_SCHEMA, {
    eval: true,
    workerData: {
      configLoader: require.resolve('@backstage/config-loader'),
      dependencies: packages.map(p => p.packageJson.name),
    },
  });
  const reply = await new Promise<WorkerReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', code =>
      reject(new Error(`config schema worker exited with code ${code}`)),
    );
  }).finally(() => worker.terminate());
  if ('error' in reply) {
    throw new Error(`Could not load the configuration schema: ${reply.error}`);
  }
  reply.warnings.forEach(options.onSchemaError);
  return loadConfigSchema({ serialized: reply.serialized });
}
