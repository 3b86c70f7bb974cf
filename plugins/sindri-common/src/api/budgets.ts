import type { components } from '../schema/openapi.generated';
import { z } from 'zod';
import { instanceNameSchema } from '../protocol/registration';
import { SINDRI_PROVIDERS } from '../constants';
import { MAX_SINDRI_YAML_BYTES, ownerRefSchema } from './deployments';

/** `GET /budgets`: the caller's groups' budgets with this month's spend. */
export type BudgetList = components['schemas']['BudgetList'];
export type BudgetStatus = components['schemas']['BudgetStatus'];
export type BudgetInput = components['schemas']['BudgetInput'];
export type BudgetEnforcement = components['schemas']['BudgetEnforcement'];
export type BudgetEstimateRequest =
  components['schemas']['BudgetEstimateRequest'];
export type BudgetEstimate = components['schemas']['BudgetEstimate'];

export const BUDGET_ENFORCEMENTS = [
  'off',
  'warn',
  'block',
] as const satisfies readonly BudgetEnforcement[];

/** A group's entity ref: budgets are per owner group. */
export const groupRefSchema = z
  .string()
  .max(255)
  .regex(
    /^group:[a-z0-9-_.]+\/[A-Za-z0-9-_.]+$/,
    'must be a group entity ref like group:default/platform',
  );

export const budgetInputSchema = z
  .object({
    monthlyUsd: z.number().positive().max(100_000_000),
    enforcement: z.enum(BUDGET_ENFORCEMENTS),
  })
  .strict() satisfies z.ZodType<BudgetInput>;

export const budgetEstimateRequestSchema = z
  .object({
    owner: ownerRefSchema.optional(),
    sindriYaml: z.string().min(1).max(MAX_SINDRI_YAML_BYTES).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    cloneFrom: instanceNameSchema.optional(),
    provider: z.enum(SINDRI_PROVIDERS).optional(),
    region: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine(
    r =>
      [r.config, r.sindriYaml, r.cloneFrom].filter(v => v !== undefined)
        .length === 1,
    {
      message: 'give exactly one of config, sindriYaml or cloneFrom',
      path: ['config'],
    },
  )
  .refine(r => r.owner !== undefined || r.cloneFrom !== undefined, {
    message: "is required, unless a clone keeps its source's owner",
    path: ['owner'],
  }) satisfies z.ZodType<BudgetEstimateRequest>;
