import { InputError, NotFoundError } from '@backstage/errors';
import {
  AlertChannelInput,
  AlertRuleInput,
  AlertsQuery,
} from '@internal/plugin-sindri-common';
import { ReadableInstances } from '../auth/PermissionGuard';
import { AlertChannelStore } from './AlertChannelStore';
import { AlertRuleStore } from './AlertRuleStore';
import { AlertStore } from './AlertStore';
import { DeliveryStore } from './DeliveryStore';

/** What the alert routes do: alerts and their responses, rules and channels. */
export class AlertService {
  constructor(
    private readonly stores: {
      alerts: AlertStore;
      rules: AlertRuleStore;
      channels: AlertChannelStore;
      deliveries: DeliveryStore;
    },
  ) {}

  /** Alerts of the readable instances, and budget alerts of the readable groups. */
  page(
    query: AlertsQuery,
    readable: ReadableInstances,
    groups: 'all' | readonly string[],
  ) {
    return this.stores.alerts.page({
      state: query.state,
      instanceName: query.instance,
      limit: query.limit,
      before: query.before,
      readable: readable.kind === 'some' ? readable.criteria : undefined,
      groups,
    });
  }

  /** The alert, with the instance it concerns (for the permission check). */
  find(id: string) {
    return this.stores.alerts.get(id);
  }

  deliveries(id: string) {
    return this.stores.deliveries.forAlert(id);
  }

  async acknowledge(id: string, by: string) {
    await this.stores.alerts.acknowledge(id, by, new Date());
    return this.publicAlert(id);
  }

  async silence(id: string, by: string, minutes: number) {
    await this.stores.alerts.silence(
      id,
      by,
      new Date(Date.now() + minutes * 60_000),
    );
    return this.publicAlert(id);
  }

  async unsilence(id: string) {
    await this.stores.alerts.silence(id, null, null);
    return this.publicAlert(id);
  }

  listRules() {
    return this.stores.rules.list();
  }

  async createRule(input: AlertRuleInput, by: string) {
    await this.checkChannels(input.channels);
    return this.stores.rules.create(input, by);
  }

  async updateRule(id: string, input: AlertRuleInput, by: string) {
    await this.checkChannels(input.channels);
    const rule = await this.stores.rules.update(id, input, by);
    if (!rule) throw new NotFoundError(`no alert rule ${id}`);
    return rule;
  }

  async deleteRule(id: string) {
    if (!(await this.stores.rules.delete(id)))
      throw new NotFoundError(`no alert rule ${id}`);
  }

  listChannels() {
    return this.stores.channels.list();
  }

  createChannel(input: AlertChannelInput, by: string) {
    if (!input.secret)
      throw new InputError(`secret: is required for a ${input.type} channel`);
    return this.stores.channels.create(input, by);
  }

  async updateChannel(id: string, input: AlertChannelInput, by: string) {
    const existing = await this.stores.channels.get(id);
    if (!existing) throw new NotFoundError(`no alert channel ${id}`);
    if (!input.secret && existing.type !== input.type)
      throw new InputError(
        `secret: is required when a channel becomes a ${input.type} channel`,
      );
    return (await this.stores.channels.update(id, input, by))!;
  }

  async deleteChannel(id: string) {
    if (!(await this.stores.channels.delete(id)))
      throw new NotFoundError(`no alert channel ${id}`);
    await this.stores.rules.dropChannel(id);
  }

  private async publicAlert(id: string) {
    const found = await this.stores.alerts.get(id);
    if (!found) throw new NotFoundError(`no alert ${id}`);
    const { instanceId, ...alert } = found;
    return alert;
  }

  private async checkChannels(ids: string[]) {
    const unknown = await this.stores.channels.unknown(ids);
    if (unknown.length)
      throw new InputError(`channels: no channel ${unknown.join(', ')}`);
  }
}
