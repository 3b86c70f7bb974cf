import {
  AlertRule,
  BudgetStatus,
  formatMoney,
} from '@internal/plugin-sindri-common';
import { Observation } from './observeCondition';

/**
 * The owner groups in a budget rule's scope on which it holds now: spent at
 * least `percent` % of this month's budget, or projected past it at the
 * month's end. Keyed by the group's entity ref.
 */
export function observeBudgets(
  rule: AlertRule,
  budgets: readonly BudgetStatus[],
): Map<string, Observation> {
  const found = new Map<string, Observation>();
  const { condition, scope } = rule;
  for (const b of budgets) {
    if (
      scope.kind === 'group' &&
      b.group !== scope.ref?.toLocaleLowerCase('en-US')
    )
      continue;
    const of = `${formatMoney(b.monthlyUsd)} budget for ${b.month}`;
    if (
      condition.kind === 'budget-spent' &&
      b.percentSpent >= condition.percent
    )
      found.set(b.group, {
        subject: { group: b.group },
        value: b.percentSpent,
        summary: `${b.group} spent ${formatMoney(b.spent)} of its ${of} (${
          b.percentSpent
        } %)`,
      });
    if (condition.kind === 'budget-projected' && b.projected > b.monthlyUsd)
      found.set(b.group, {
        subject: { group: b.group },
        value: b.projected,
        summary: `${b.group} is projected to spend ${formatMoney(
          b.projected,
        )} by the month's end, over its ${of} (spent ${formatMoney(
          b.spent,
        )} so far)`,
      });
  }
  return found;
}
