#!/usr/bin/env node
// `yarn fuzz [--runs N] [--seed S]`: the fuzz test with its full count (CI runs fewer, with a fixed seed).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string' },
  },
});
const result = spawnSync(
  process.execPath,
  [
    'node_modules/@backstage/cli/bin/backstage-cli',
    'repo',
    'test',
    'packages/backend/src/fuzz',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      CI: 'true',
      SINDRI_FUZZ_RUNS: values.runs,
      ...(values.seed ? { SINDRI_FUZZ_SEED: values.seed } : {}),
    },
  },
);
process.exit(result.status ?? 1);
