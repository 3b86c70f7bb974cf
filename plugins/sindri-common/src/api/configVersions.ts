import type { components } from '../schema/openapi.generated';
import { z } from 'zod';
import { MAX_SINDRI_YAML_BYTES } from './deployments';

/** One stored sindri.yaml of an instance (`GET /instances/{name}/config/versions`). */
export type ConfigVersion = components['schemas']['ConfigVersion'];
/** `POST /instances/{name}/config` answers with the update started and the version stored. */
export type ConfigApplied = components['schemas']['ConfigApplied'];
/** Whether an instance still matches its declared sindri.yaml (`GET /instances/{name}/drift`). */
export type InstanceDrift = components['schemas']['InstanceDrift'];
export type DriftStatus = InstanceDrift['status'];

/** `POST /instances/{name}/config`: the edited file and the version the edit started from. */
export const applyConfigRequestSchema = z
  .object({
    sindriYaml: z.string().min(1).max(MAX_SINDRI_YAML_BYTES),
    baseVersion: z.number().int().min(1),
  })
  .strict();

export type ApplyConfigRequest = z.infer<typeof applyConfigRequestSchema>;
