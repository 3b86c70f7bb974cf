import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Alert,
  alertSubject,
  instanceEntityRef,
} from '@internal/plugin-sindri-common';
import { AlertChannelStore } from './AlertChannelStore';
import { AlertStore } from './AlertStore';
import { AlertMessage, channelRequest } from './channelRequests';
import { DeliveryStore, DueDelivery } from './DeliveryStore';

/** After the nth failed attempt the next waits this long; after the last, the message is given up on. */
export const RETRY_DELAYS_MS = [
  10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000,
];
const SEND_TIMEOUT_MS = 10_000;

const NOTIFICATION_SEVERITY = {
  info: 'low',
  warning: 'high',
  critical: 'critical',
} as const;

class DeliveryFailure extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

/**
 * Sends what the delivery log says is due: Backstage notifications to an
 * instance's owners, and webhook, Slack and PagerDuty messages, each retried
 * with backoff and every attempt recorded.
 */
export class AlertDispatcher {
  constructor(
    private readonly deps: {
      deliveries: DeliveryStore;
      alerts: AlertStore;
      channels: AlertChannelStore;
      notifications: NotificationService;
      logger: LoggerService;
      /** the Alerts page of the portal, for links */
      alertsPageUrl: string;
      fetch?: typeof fetch;
    },
  ) {}

  /** Sends every message due by `now`; returns how many were delivered. */
  async deliverDue(now = new Date()): Promise<number> {
    let delivered = 0;
    for (const due of await this.deps.deliveries.due(now)) {
      try {
        const status = await this.send(due, now);
        await this.deps.deliveries.delivered(due.id, status, new Date());
        delivered++;
      } catch (error) {
        const failure =
          error instanceof DeliveryFailure
            ? error
            : new DeliveryFailure(String((error as Error).message ?? error));
        const delay = RETRY_DELAYS_MS[due.attempts];
        await this.deps.deliveries.attemptFailed(
          due.id,
          { status: failure.status, error: failure.message },
          delay === undefined ? undefined : new Date(now.getTime() + delay),
        );
        this.deps.logger.warn(
          `Alert ${due.alertId}: ${due.channel.type} "${
            due.channel.name
          }" attempt ${due.attempts + 1} failed (${failure.message})${
            delay === undefined ? ', giving up' : ''
          }`,
        );
      }
    }
    return delivered;
  }

  private async send(due: DueDelivery, now: Date): Promise<number | undefined> {
    const found = await this.deps.alerts.get(due.alertId);
    if (!found) throw new DeliveryFailure('the alert no longer exists');
    const { instanceId, ...alert } = found;
    const message: AlertMessage = {
      alert,
      transition: due.transition,
      link: `${this.deps.alertsPageUrl}?alert=${alert.id}`,
    };
    if (due.channel.type === 'notifications') {
      await this.notify(message);
      return undefined;
    }
    const target = due.channel.id
      ? await this.deps.channels.target(due.channel.id)
      : undefined;
    if (!target) throw new DeliveryFailure('the channel was removed');
    const request = channelRequest(message, target, now);
    const response = await (this.deps.fetch ?? fetch)(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    }).catch(error => {
      throw new DeliveryFailure(
        `could not reach the channel: ${error.cause?.code ?? error.message}`,
      );
    });
    await response.body?.cancel();
    if (!response.ok)
      throw new DeliveryFailure(
        `the channel answered ${response.status}`,
        response.status,
      );
    return response.status;
  }

  private async notify({ alert, transition, link }: AlertMessage) {
    await this.deps.notifications.send({
      recipients: {
        type: 'entity',
        // a budget alert goes to the group's members, an instance's to its owners
        entityRef: alert.group ?? instanceEntityRef(alert.instance!),
      },
      payload: {
        title: `${transition === 'fired' ? 'Firing' : 'Resolved'}: ${
          alert.ruleName
        } on ${alertSubject(alert)}`,
        description: describe(alert),
        link,
        severity:
          transition === 'fired'
            ? NOTIFICATION_SEVERITY[alert.severity]
            : 'low',
        topic: 'sindri-alerts',
        // the resolution replaces the firing notification
        scope: `sindri-alert:${alert.id}`,
      },
    });
  }
}

function describe(alert: Alert): string {
  return alert.state === 'resolved'
    ? `${alert.summary}; resolved at ${alert.resolvedAt}`
    : alert.summary;
}
