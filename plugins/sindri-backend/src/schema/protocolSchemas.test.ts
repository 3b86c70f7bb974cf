import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  INSTANCE_EVENT_TYPES,
  instanceEventSchema,
  inventoryPartSchema,
  metricsSchema,
  registrationSchema,
} from '@internal/plugin-sindri-common';

const spec = parse(
  fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
);

/** The JSON schema of what a zod schema accepts, as the spec writes it. */
function jsonSchemaOf(schema: z.ZodType) {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io: 'output',
  }) as Record<string, unknown>;
  return rest;
}

// The agent protocol's zod schemas are what ingest enforces; the spec's copies of them may not drift.
describe('the protocol schemas of openapi.yaml', () => {
  it.each([
    ['Registration', registrationSchema],
    ['MetricsSample', metricsSchema],
    ['InventoryPart', inventoryPartSchema],
    [
      'InstanceEvent',
      instanceEventSchema.extend({ type: z.enum(INSTANCE_EVENT_TYPES) }),
    ],
  ] as const)('%s is what its zod schema accepts', (name, schema) => {
    expect(spec.components.schemas[name]).toEqual(jsonSchemaOf(schema));
  });
});
