import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  BudgetEstimate,
  BudgetInput,
  BudgetStatus,
  formatMoney,
} from '@internal/plugin-sindri-common';
import { CostService, LIST_PRICE_SOURCE, monthOf } from '../cost/CostService';
import { DeployedResources } from '../cost/deployedResources';
import { round } from '../cost/InstancePricer';
import { Budget, BudgetStore } from './BudgetStore';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** What a create, clone or resume would add to its owner's month. */
export interface BudgetCheck {
  owner: string;
  /** what it adds per hour from now to the month's end */
  perHour: number;
  missing: string[];
  /** create, clone or resume, for the message */
  action: string;
}

/**
 * Owner groups' monthly budgets against what their instances cost this month
 * (the same estimate, or billing source, as the Cost tab), and the check a
 * create, clone or resume meets when its group's budget is enforced.
 */
export class BudgetService {
  constructor(
    private readonly deps: { store: BudgetStore; cost: CostService },
  ) {}

  /** Budgets with this month's spend: every group's, or the given groups'. */
  async list(groups?: readonly string[], now = new Date()) {
    const budgets = await this.deps.store.list(groups?.map(lower));
    return this.withSpend(budgets, now);
  }

  async status(group: string, now = new Date()) {
    const budget = await this.deps.store.get(lower(group));
    if (!budget) return undefined;
    return (await this.withSpend([budget], now))[0];
  }

  async put(group: string, input: BudgetInput, by: string) {
    await this.deps.store.put(lower(group), input, by);
    return (await this.status(group))!;
  }

  async remove(group: string) {
    if (!(await this.deps.store.delete(lower(group))))
      throw new NotFoundError(`no budget for ${group}`);
  }

  /** The rate of a new instance's resources while it runs, from the list prices. */
  rateOf(resources: DeployedResources) {
    const rates = this.deps.cost.ratesOf(resources);
    return { perHour: rates.running, missing: rates.missing };
  }

  /** What the resources cost per hour while stopped (storage kept). */
  stoppedRateOf(resources: DeployedResources) {
    return this.deps.cost.ratesOf(resources).stopped;
  }

  /** What adding `perHour` from now to the month's end does to the owner's budget. */
  async estimate(
    check: BudgetCheck,
    now = new Date(),
  ): Promise<BudgetEstimate> {
    const month = monthOf(now);
    const projected = round(check.perHour * month.hoursLeft);
    const base = {
      owner: check.owner,
      perHour: round(check.perHour),
      projected,
      hoursLeft: round(month.hoursLeft),
      missing: check.missing,
    };
    const budget = await this.status(check.owner, now);
    if (!budget) return { ...base, verdict: 'no-budget' };
    const after = round(budget.projected + projected);
    const over = after > budget.monthlyUsd;
    return {
      ...base,
      verdict: over ? 'over' : 'within',
      enforcement: budget.enforcement,
      budget,
      ...(over
        ? {
            message: `${check.owner} has ${formatMoney(
              Math.max(0, budget.remaining),
            )} left of its ${formatMoney(budget.monthlyUsd)} budget for ${
              budget.month
            } (spent ${formatMoney(budget.spent)}, projected ${formatMoney(
              budget.projected,
            )} at the month's end); this ${
              check.action
            } is projected at ${formatMoney(
              projected,
            )} to the month's end (${formatMoney(
              check.perHour,
            )}/h × ${Math.round(
              month.hoursLeft,
            )} h), which would take it to ${formatMoney(after)}${
              check.missing.length
                ? ` (not priced: ${check.missing.join('; ')})`
                : ''
            }`,
          }
        : {}),
    };
  }

  /**
   * The check before anything is deployed: a group whose budget blocks is
   * refused (409, with the remaining budget and the projection); one that
   * warns gets the warning back; otherwise nothing.
   */
  async enforce(check: BudgetCheck, now = new Date()) {
    const estimate = await this.estimate(check, now);
    if (estimate.verdict !== 'over' || estimate.enforcement === 'off')
      return undefined;
    if (estimate.enforcement === 'block')
      throw new ConflictError(`budget: refused: ${estimate.message}`);
    return `budget: ${estimate.message}`;
  }

  private async withSpend(
    budgets: Budget[],
    now: Date,
  ): Promise<BudgetStatus[]> {
    const months = await this.deps.cost.ownersMonth(
      budgets.map(b => b.group),
      now,
    );
    const month = monthOf(now);
    return budgets.map(b => {
      const spend = months.get(b.group)!;
      return {
        ...b,
        month: month.key,
        spent: spend.spent,
        projected: spend.projected,
        remaining: round(b.monthlyUsd - spend.spent),
        percentSpent: round((100 * spend.spent) / b.monthlyUsd),
        instances: spend.instances,
        missing: spend.missing,
        source: spend.billedBy.length
          ? {
              kind: LIST_PRICE_SOURCE.kind,
              description: `${
                LIST_PRICE_SOURCE.description
              }; instances priced by ${spend.billedBy.join(', ')} use its bill`,
            }
          : LIST_PRICE_SOURCE,
      };
    });
  }
}
