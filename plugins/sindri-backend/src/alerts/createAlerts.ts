import { Knex } from 'knex';
import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { BudgetStatus } from '@internal/plugin-sindri-common';
import { EventService } from '../events/EventService';
import { SindriTask } from '../service/scheduledTasks';
import { AlertChannelStore } from './AlertChannelStore';
import { AlertDispatcher } from './AlertDispatcher';
import { AlertEvaluator } from './AlertEvaluator';
import { AlertRuleStore } from './AlertRuleStore';
import { AlertService } from './AlertService';
import { AlertStore } from './AlertStore';
import { DeliveryStore } from './DeliveryStore';
import { SecretBox } from './SecretBox';

/** Alert settings, with their documented defaults. */
export interface AlertSettings {
  evaluationIntervalSeconds: number;
  secretKey?: string;
}

export function readAlertSettings(config: RootConfigService): AlertSettings {
  return {
    evaluationIntervalSeconds:
      config.getOptionalNumber('sindri.alerts.evaluationIntervalSeconds') ?? 30,
    secretKey: config.getOptionalString('sindri.alerts.secretKey'),
  };
}

/**
 * Alerts end to end: the stores, the evaluator and the dispatcher, the service
 * the routes call, and the scheduled task that evaluates and then sends what
 * is due (once across replicas).
 */
export function createAlerts(deps: {
  knex: Knex;
  config: RootConfigService;
  events: EventService;
  notifications: NotificationService;
  logger: LoggerService;
  /** every group's budget with this month's spend, for the budget rules */
  budgets?: (now: Date) => Promise<BudgetStatus[]>;
}) {
  const { knex, config, logger } = deps;
  const settings = readAlertSettings(config);
  const alerts = new AlertStore(knex);
  const rules = new AlertRuleStore(knex);
  const channels = new AlertChannelStore(
    knex,
    new SecretBox(settings.secretKey),
  );
  const deliveries = new DeliveryStore(knex);
  const evaluator = new AlertEvaluator({
    knex,
    rules,
    alerts,
    channels,
    deliveries,
    events: deps.events,
    logger,
    budgets: deps.budgets,
  });
  const dispatcher = new AlertDispatcher({
    deliveries,
    alerts,
    channels,
    notifications: deps.notifications,
    logger,
    alertsPageUrl: `${
      config.getOptionalString('app.baseUrl') ?? ''
    }/sindri/alerts`,
  });
  const task: SindriTask = {
    id: 'sindri-alerts',
    frequency: { seconds: settings.evaluationIntervalSeconds },
    timeout: { minutes: 2 },
    fn: async () => {
      const changed = await evaluator.evaluate();
      const sent = await dispatcher.deliverDue();
      if (changed.fired || changed.resolved || sent)
        logger.info(
          `Alerts: ${changed.fired} fired, ${changed.resolved} resolved, ${sent} messages delivered`,
        );
    },
  };
  return {
    service: new AlertService({ alerts, rules, channels, deliveries }),
    store: alerts,
    evaluator,
    dispatcher,
    task,
  };
}
