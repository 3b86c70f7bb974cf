import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import {
  CONSOLE_AGENT_DEPENDENCIES,
  CONSOLE_AGENT_EXTENSION,
} from '@internal/plugin-sindri-common';

const schemaFile = path.resolve(
  __dirname,
  '../../registry/sindri-v3/schemas/extension.schema.json',
);
const extensionFile = path.resolve(
  __dirname,
  '../extension/console-agent/extension.yaml',
);

describe('console-agent extension.yaml', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));

  it("is valid against Sindri's extension.schema.json", () => {
    const extension = parse(fs.readFileSync(extensionFile, 'utf8'));
    const valid = validate(extension);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('depends on what the portal declares for it in drift', () => {
    const extension = parse(fs.readFileSync(extensionFile, 'utf8'));
    expect(extension.metadata.name).toBe(CONSOLE_AGENT_EXTENSION);
    expect(extension.metadata.dependencies).toEqual([
      ...CONSOLE_AGENT_DEPENDENCIES,
    ]);
  });

  it('starts the agent only when the portal settings are in the environment', () => {
    const extension = parse(fs.readFileSync(extensionFile, 'utf8'));
    expect(extension.service.start.command).toBe('sindri-agent');
    expect(extension.service['requires-env']).toEqual([
      'SINDRI_CONSOLE_URL',
      'SINDRI_AGENT_TOKEN',
      'SINDRI_INSTANCE_NAME',
    ]);
  });

  it('would be rejected by the schema if it were broken (the check has teeth)', () => {
    const extension = parse(fs.readFileSync(extensionFile, 'utf8'));
    expect(
      validate({
        ...extension,
        metadata: { ...extension.metadata, category: 'not-a-category' },
      }),
    ).toBe(false);
  });
});
