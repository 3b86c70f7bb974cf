import { Config } from '@backstage/config';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { z } from 'zod';
import {
  SindriConfigError,
  SindriCostSource,
} from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { CostService, DeveloperActivity } from './CostService';
import { InstancePricer } from './InstancePricer';
import { ConfiguredRate, PriceCatalog, priceRowSchema } from './priceCatalog';
import { StatusChangeStore } from './StatusChangeStore';

const SETTING = 'sindri.cost.rates';

const configuredRateSchema = z
  .object({
    provider: z.string().min(1),
    item: z.string().min(1),
    price: z.number().nonnegative(),
    unit: priceRowSchema.shape.unit,
    region: z.string().optional(),
    source: z.string().optional(),
  })
  .strict();

/** `sindri.cost.rates`: negotiated prices, and rates for own hardware (Docker, Kubernetes, local). */
export function readCostRates(config: Config): ConfiguredRate[] {
  const raw = config.getOptional(SETTING) ?? [];
  const parsed = z.array(configuredRateSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [index, ...field] = issue.path.map(String);
    const where =
      index === undefined
        ? SETTING
        : `${SETTING}[${index}]${field.length ? `.${field.join('.')}` : ''}`;
    throw new SindriConfigError(where, issue.message);
  }
  return parsed.data;
}

/** The cost estimate over the shipped price tables and the operator's rates. */
export function createCostService(deps: {
  knex: Knex;
  config: Config;
  instances: InstanceStore;
  deployments: DeploymentStore;
  activity: DeveloperActivity;
  sources?: SindriCostSource[];
}): CostService {
  return new CostService({
    instances: deps.instances,
    deployments: deps.deployments,
    activity: deps.activity,
    changes: new StatusChangeStore(deps.knex),
    pricer: new InstancePricer({
      sources: deps.sources ?? [],
      prices: PriceCatalog.load(
        resolvePackagePath('@internal/plugin-sindri-backend', 'prices'),
        readCostRates(deps.config),
      ),
    }),
  });
}
