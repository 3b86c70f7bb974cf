import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** One UTC day of an instance's cost as a billing source reports it, in USD. */
export interface BilledDay {
  /** YYYY-MM-DD */
  date: string;
  compute?: number;
  gpu?: number;
  storage?: number;
  total: number;
}

/**
 * A real billing source for some providers (a module reading a provider's
 * billing API): where it reports an instance's days, they replace the
 * list-price estimate, and the figures say which source they come from.
 *
 * @public
 */
export interface SindriCostSource {
  /** e.g. `fly-billing` */
  readonly id: string;
  /** how the UI names the figures' source, e.g. "Fly.io invoices (billing API)" */
  readonly title: string;
  /** the `deployment.provider` values it prices */
  readonly providers: readonly string[];
  /**
   * The instance's cost for each UTC day from `from` to `to` it has a bill
   * for; undefined when it knows nothing of the instance (the estimate is
   * used then).
   */
  dailyCost(
    instance: { id: string; name: string; provider: string },
    from: Date,
    to: Date,
  ): Promise<BilledDay[] | undefined>;
}

/**
 * Extension point of the Sindri backend plugin: modules add billing sources.
 *
 * @public
 */
export interface SindriCostSourcesExtensionPoint {
  addCostSource(source: SindriCostSource): void;
}

/** @public */
export const sindriCostSourcesExtensionPoint =
  createExtensionPoint<SindriCostSourcesExtensionPoint>({
    id: 'sindri.costSources',
  });
