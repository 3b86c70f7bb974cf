import { Knex } from 'knex';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AlertRule,
  BudgetStatus,
  isBudgetCondition,
} from '@internal/plugin-sindri-common';
import { monotonicFactory } from 'ulid';
import { EventService } from '../events/EventService';
import { AlertChannelStore } from './AlertChannelStore';
import { AlertRuleStore } from './AlertRuleStore';
import { AlertStore, OpenAlert, subjectKey } from './AlertStore';
import { DeliveryChannel, DeliveryStore, Transition } from './DeliveryStore';
import { observeBudgets } from './observeBudgets';
import { observeCondition, Observation } from './observeCondition';

/** How a fired alert reads on the timeline. */
const FIRED_SEVERITY = {
  info: 'info',
  warning: 'warning',
  critical: 'error',
} as const;

/** What one evaluation changed, for logs and tests. */
export interface EvaluationResult {
  pending: number;
  fired: number;
  resolved: number;
}

/**
 * Runs every enabled rule against the stored data and moves each alert
 * through pending → firing → resolved: an alert fires once its condition has
 * held for the rule's duration, and resolves once it has stayed false for the
 * rule's `resolveAfterSeconds`, so a flapping instance keeps one alert. Only a
 * transition sends messages, and a silenced alert sends none. Run by a
 * scheduled task, once across replicas.
 */
export class AlertEvaluator {
  private readonly nextId = monotonicFactory();

  constructor(
    private readonly deps: {
      knex: Knex;
      rules: AlertRuleStore;
      alerts: AlertStore;
      channels: AlertChannelStore;
      deliveries: DeliveryStore;
      events: EventService;
      logger: LoggerService;
      /** every group's budget with this month's spend, for the budget rules */
      budgets?: (now: Date) => Promise<BudgetStatus[]>;
    },
  ) {}

  /** What the rule's condition holds for now: instances, or groups for a budget rule. */
  private observe(
    rule: AlertRule,
    now: Date,
    budgets: () => Promise<BudgetStatus[]>,
  ): Promise<Map<string, Observation>> {
    if (!isBudgetCondition(rule.condition))
      return observeCondition(this.deps.knex, rule, now);
    return budgets().then(all => observeBudgets(rule, all));
  }

  async evaluate(now = new Date()): Promise<EvaluationResult> {
    const result: EvaluationResult = { pending: 0, fired: 0, resolved: 0 };
    const rules = await this.deps.rules.list({ enabledOnly: true });
    const open = await this.deps.alerts.open();
    const openByRule = new Map<string, Map<string, OpenAlert>>();
    for (const alert of open) {
      const bySubject = openByRule.get(alert.ruleId) ?? new Map();
      bySubject.set(subjectKey(alert.subject), alert);
      openByRule.set(alert.ruleId, bySubject);
    }
    // the budgets' spend is read once per evaluation, by the first budget rule
    let budgets: Promise<BudgetStatus[]> | undefined;
    const readBudgets = () =>
      (budgets ??= this.deps.budgets?.(now) ?? Promise.resolve([]));

    for (const rule of rules) {
      let observed: Map<string, Observation>;
      try {
        observed = await this.observe(rule, now, readBudgets);
      } catch (error) {
        // one rule's failure leaves its alerts as they are and the others evaluated
        this.deps.logger.warn(
          `Alert rule "${rule.name}" not evaluated: ${error}`,
        );
        openByRule.delete(rule.id);
        continue;
      }
      const current = openByRule.get(rule.id) ?? new Map<string, OpenAlert>();
      openByRule.delete(rule.id);
      for (const [key, seen] of observed) {
        const alert = current.get(key);
        await this.holds(rule, seen, alert, now, result);
      }
      for (const [key, alert] of current)
        if (!observed.has(key))
          await this.stoppedHolding(rule, alert, now, result);
    }
    // alerts of rules removed or disabled since they opened
    for (const byInstance of openByRule.values())
      for (const alert of byInstance.values())
        await this.stoppedHolding(undefined, alert, now, result);
    return result;
  }

  private async holds(
    rule: AlertRule,
    seen: Observation,
    alert: OpenAlert | undefined,
    now: Date,
    result: EvaluationResult,
  ) {
    const heldLongEnough = (since: Date) =>
      now.getTime() - since.getTime() >= rule.condition.forSeconds * 1000;
    const details = {
      ruleName: rule.name,
      severity: rule.severity,
      value: seen.value,
      summary: seen.summary,
      now,
    };
    if (!alert) {
      const id = this.nextId(now.getTime());
      const firing = heldLongEnough(now);
      await this.deps.alerts.insert(
        {
          ...details,
          id,
          ruleId: rule.id,
          subject: seen.subject,
        },
        firing ? 'firing' : 'pending',
      );
      if (firing) await this.transition(rule, id, 'fired', now, result);
      else result.pending++;
      return;
    }
    await this.deps.alerts.stillTrue(alert.id, details);
    if (alert.state === 'pending' && heldLongEnough(alert.pendingSince)) {
      await this.deps.alerts.fire(alert.id, now);
      await this.transition(rule, alert.id, 'fired', now, result);
    }
  }

  private async stoppedHolding(
    rule: AlertRule | undefined,
    alert: OpenAlert,
    now: Date,
    result: EvaluationResult,
  ) {
    if (alert.state === 'pending') {
      await this.deps.alerts.discard(alert.id);
      return;
    }
    const quietFor = now.getTime() - alert.lastTrueAt.getTime();
    if (rule && quietFor < rule.resolveAfterSeconds * 1000) return;
    await this.deps.alerts.resolve(alert.id, now);
    await this.transition(rule, alert.id, 'resolved', now, result);
  }

  /** Records the change on the timeline and queues its messages (none while silenced). */
  private async transition(
    rule: AlertRule | undefined,
    alertId: string,
    transition: Transition,
    now: Date,
    result: EvaluationResult,
  ) {
    if (transition === 'fired') result.fired++;
    else result.resolved++;
    const alert = (await this.deps.alerts.get(alertId))!;
    // a group's budget alert stays off the events feed, which is read by instance
    if (alert.instanceId && alert.instance)
      await this.deps.events.recordOrWarn({
        type: transition === 'fired' ? 'alert-fired' : 'alert-resolved',
        instance: { id: alert.instanceId, name: alert.instance },
        severity:
          transition === 'fired' ? FIRED_SEVERITY[alert.severity] : 'info',
        message: `${alert.ruleName}: ${alert.summary}`,
        subject: { kind: 'alert', id: alert.id },
      });
    const silenced =
      alert.silenced &&
      new Date(alert.silenced.until).getTime() > now.getTime();
    if (!rule || silenced) return;
    const channels: DeliveryChannel[] = [];
    if (rule.notifyOwners)
      channels.push({
        type: 'notifications',
        name: alert.group ? "the group's members" : "the instance's owners",
      });
    for (const id of rule.channels) {
      const channel = await this.deps.channels.get(id);
      if (channel) channels.push(channel);
    }
    await this.deps.deliveries.enqueue(alert.id, transition, channels, now);
  }
}
