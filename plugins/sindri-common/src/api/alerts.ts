import type { components } from '../schema/openapi.generated';
import { z } from 'zod';
import { instanceNameSchema } from '../protocol/registration';

/** An alert, a rule and a channel as the API describes them (`/alerts`, `/alert-rules`, `/alert-channels`). */
export type Alert = components['schemas']['Alert'];
export type AlertState = Alert['state'];
export type AlertPage = components['schemas']['AlertPage'];
export type AlertSeverity = components['schemas']['AlertSeverity'];
export type AlertMetric = components['schemas']['AlertMetric'];
export type AlertCondition = components['schemas']['AlertCondition'];
export type AlertScope = components['schemas']['AlertScope'];
export type AlertRule = components['schemas']['AlertRule'];
export type AlertRuleInput = components['schemas']['AlertRuleInput'];
export type AlertChannel = components['schemas']['AlertChannel'];
export type AlertChannelType = components['schemas']['AlertChannelType'];
export type AlertChannelInput = components['schemas']['AlertChannelInput'];
export type AlertDelivery = components['schemas']['AlertDelivery'];

export const ALERT_SEVERITIES = [
  'info',
  'warning',
  'critical',
] as const satisfies readonly AlertSeverity[];

export const ALERT_METRICS = [
  'cpu',
  'memory',
  'disk',
  'inodes',
] as const satisfies readonly AlertMetric[];

export const ALERT_CHANNEL_TYPES = [
  'webhook',
  'slack',
  'pagerduty',
] as const satisfies readonly AlertChannelType[];

/** Where PagerDuty's Events API v2 takes events, unless a channel names another endpoint. */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

const forSeconds = z.number().int().min(0).max(86_400);

export const alertConditionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('metric'),
    metric: z.enum(ALERT_METRICS),
    threshold: z.number().min(0).max(100),
    forSeconds,
  }),
  z.object({
    kind: z.enum([
      'heartbeat-lost',
      'operation-failed',
      'extension-install-failed',
    ]),
    forSeconds,
  }),
  z.object({
    kind: z.literal('budget-spent'),
    percent: z.number().min(1).max(1000),
    forSeconds,
  }),
  z.object({ kind: z.literal('budget-projected'), forSeconds }),
  z.object({
    kind: z.literal('advisory'),
    minSeverity: z.enum(['critical', 'high', 'medium', 'low', 'unknown']),
    forSeconds,
  }),
]) satisfies z.ZodType<AlertCondition>;

/** Budget conditions concern owner groups, not instances. */
export const isBudgetCondition = (condition: AlertCondition) =>
  condition.kind === 'budget-spent' || condition.kind === 'budget-projected';

/** What an alert concerns: its instance, or a budget alert's group. */
export const alertSubject = (alert: Pick<Alert, 'instance' | 'group'>) =>
  alert.instance ?? alert.group ?? 'unknown';

export const alertScopeSchema = z
  .object({
    kind: z.enum(['fleet', 'group', 'instance']),
    ref: z.string().min(1).max(255).optional(),
  })
  .superRefine((scope, ctx) => {
    if (scope.kind === 'fleet') {
      if (scope.ref !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['ref'],
          message: 'must be absent for the fleet scope',
        });
    } else if (scope.kind === 'group') {
      if (!scope.ref?.startsWith('group:'))
        ctx.addIssue({
          code: 'custom',
          path: ['ref'],
          message: "must be a group's entity ref (group:namespace/name)",
        });
    } else if (!instanceNameSchema.safeParse(scope.ref).success) {
      ctx.addIssue({
        code: 'custom',
        path: ['ref'],
        message: "must be an instance's name",
      });
    }
  }) satisfies z.ZodType<AlertScope>;

/** A rule as an admin or operator writes it. */
export const alertRuleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(128),
    enabled: z.boolean(),
    condition: alertConditionSchema,
    scope: alertScopeSchema,
    severity: z.enum(ALERT_SEVERITIES),
    channels: z.array(z.uuid()).max(16),
    notifyOwners: z.boolean(),
    resolveAfterSeconds: z.number().int().min(0).max(86_400),
  })
  .superRefine((rule, ctx) => {
    if (isBudgetCondition(rule.condition) && rule.scope.kind === 'instance')
      ctx.addIssue({
        code: 'custom',
        path: ['scope', 'kind'],
        message: 'a budget condition watches groups: use fleet or group',
      });
  }) satisfies z.ZodType<AlertRuleInput>;

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048);

/** A channel as an admin or operator writes it; `secret` may be left out of an update to keep it. */
export const alertChannelInputSchema = z
  .object({
    name: z.string().trim().min(1).max(128),
    type: z.enum(ALERT_CHANNEL_TYPES),
    url: httpUrl.optional(),
    secret: z.string().min(1).max(2048).optional(),
  })
  .superRefine((channel, ctx) => {
    if (channel.type === 'webhook' && !channel.url)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'is required for a webhook',
      });
    if (channel.type === 'slack') {
      if (channel.url)
        ctx.addIssue({
          code: 'custom',
          path: ['url'],
          message: "must be absent for Slack: the webhook's URL is its secret",
        });
      if (channel.secret && !httpUrl.safeParse(channel.secret).success)
        ctx.addIssue({
          code: 'custom',
          path: ['secret'],
          message: "must be the Slack incoming webhook's http(s) URL",
        });
    }
  }) satisfies z.ZodType<AlertChannelInput>;

export const alertsQuerySchema = z.object({
  state: z.enum(['open', 'pending', 'firing', 'resolved']).optional(),
  instance: instanceNameSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z
    .string()
    .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    .optional(),
});
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;

export const alertSilenceSchema = z.object({
  minutes: z.number().int().min(1).max(10_080),
});
