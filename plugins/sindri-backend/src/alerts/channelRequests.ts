import crypto from 'node:crypto';
import {
  Alert,
  alertSubject,
  PAGERDUTY_EVENTS_URL,
} from '@internal/plugin-sindri-common';
import { ChannelTarget } from './AlertChannelStore';
import { Transition } from './DeliveryStore';

/** What is said about an alert's change, whatever the channel. */
export interface AlertMessage {
  alert: Alert;
  transition: Transition;
  /** the alert on the portal's Alerts page */
  link: string;
}

export interface ChannelRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The header a webhook receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'X-Sindri-Signature';

/** Signs a webhook body with the channel's key, bound to the time it was sent. */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = crypto
    .createHmac('sha256', secret)
    .update(`${t}.${body}`)
    .digest('hex');
  return `t=${t},v1=${v1}`;
}

const title = ({ alert, transition }: AlertMessage) =>
  `${transition === 'fired' ? 'Firing' : 'Resolved'}: ${
    alert.ruleName
  } on ${alertSubject(alert)}`;

const json = { 'Content-Type': 'application/json' };

function webhook(
  message: AlertMessage,
  target: ChannelTarget,
  now: Date,
): ChannelRequest {
  const body = JSON.stringify({
    version: 1,
    transition: message.transition,
    alert: message.alert,
    link: message.link,
    sentAt: now.toISOString(),
  });
  return {
    url: target.url!,
    headers: {
      ...json,
      [SIGNATURE_HEADER]: signWebhook(target.secret!, body, now),
    },
    body,
  };
}

/** A Slack incoming webhook's message: text, with mrkdwn. */
function slack(message: AlertMessage, target: ChannelTarget): ChannelRequest {
  const icon =
    message.transition === 'fired' ? ':rotating_light:' : ':white_check_mark:';
  return {
    url: target.secret!,
    headers: json,
    body: JSON.stringify({
      text: `${icon} *${title(message)}*\n${message.alert.summary} (${
        message.alert.severity
      })\n<${message.link}|Open in the portal>`,
    }),
  };
}

const PAGERDUTY_SEVERITY = {
  info: 'info',
  warning: 'warning',
  critical: 'critical',
} as const;

/** PagerDuty's Events API v2: a trigger, and a resolve with the same dedup key. */
function pagerDuty(
  message: AlertMessage,
  target: ChannelTarget,
): ChannelRequest {
  const { alert } = message;
  const event =
    message.transition === 'fired'
      ? {
          routing_key: target.secret!,
          event_action: 'trigger',
          dedup_key: alert.id,
          payload: {
            summary: title(message).slice(0, 1024),
            source: alertSubject(alert),
            severity: PAGERDUTY_SEVERITY[alert.severity],
            timestamp: alert.firedAt ?? alert.pendingSince,
            component: alertSubject(alert),
            class: alert.ruleName,
            custom_details: {
              summary: alert.summary,
              ...(alert.value !== undefined ? { value: alert.value } : {}),
            },
          },
          links: [{ href: message.link, text: 'Open in the portal' }],
          client: 'Sindri fleet portal',
          client_url: message.link,
        }
      : {
          routing_key: target.secret!,
          event_action: 'resolve',
          dedup_key: alert.id,
        };
  return {
    url: target.url ?? PAGERDUTY_EVENTS_URL,
    headers: json,
    body: JSON.stringify(event),
  };
}

/** The HTTP request that tells a channel about an alert's change, in that channel's own format. */
export function channelRequest(
  message: AlertMessage,
  target: ChannelTarget,
  now: Date,
): ChannelRequest {
  if (target.type === 'webhook') return webhook(message, target, now);
  if (target.type === 'slack') return slack(message, target);
  return pagerDuty(message, target);
}
