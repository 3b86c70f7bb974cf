import crypto from 'node:crypto';
import { Knex } from 'knex';
import { AlertRule, AlertRuleInput } from '@internal/plugin-sindri-common';
import { toIso } from '../database/time';

const TABLE = 'sindri_alert_rules';

function fromRow(row: any): AlertRule {
  return {
    id: row.id,
    name: row.name,
    enabled: Boolean(row.enabled),
    condition: JSON.parse(row.condition),
    scope: {
      kind: row.scope_kind,
      ...(row.scope_ref ? { ref: row.scope_ref } : {}),
    },
    severity: row.severity,
    channels: JSON.parse(row.channels),
    notifyOwners: Boolean(row.notify_owners),
    resolveAfterSeconds: row.resolve_after_s,
    builtin: Boolean(row.builtin),
    ...(row.updated_by ? { updatedBy: row.updated_by } : {}),
    updatedAt: toIso(row.updated_at)!,
  };
}

function toRow(input: AlertRuleInput, by: string) {
  return {
    name: input.name,
    enabled: input.enabled,
    condition: JSON.stringify(input.condition),
    scope_kind: input.scope.kind,
    scope_ref: input.scope.ref ?? null,
    severity: input.severity,
    channels: JSON.stringify(input.channels),
    notify_owners: input.notifyOwners,
    resolve_after_s: input.resolveAfterSeconds,
    updated_by: by,
    updated_at: new Date(),
  };
}

/** The alert rules, as admins and operators edit them. */
export class AlertRuleStore {
  constructor(private readonly knex: Knex) {}

  async list(options: { enabledOnly?: boolean } = {}): Promise<AlertRule[]> {
    const q = this.knex(TABLE).orderBy('name');
    if (options.enabledOnly) q.where('enabled', true);
    return (await q).map(fromRow);
  }

  async get(id: string): Promise<AlertRule | undefined> {
    const row = await this.knex(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async create(input: AlertRuleInput, by: string): Promise<AlertRule> {
    const id = crypto.randomUUID();
    await this.knex(TABLE).insert({ id, builtin: false, ...toRow(input, by) });
    return (await this.get(id))!;
  }

  async update(
    id: string,
    input: AlertRuleInput,
    by: string,
  ): Promise<AlertRule | undefined> {
    const changed = await this.knex(TABLE)
      .where({ id })
      .update(toRow(input, by));
    return changed ? this.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.knex(TABLE).where({ id }).delete()) > 0;
  }

  /** Takes a removed channel out of every rule that sends to it. */
  async dropChannel(channelId: string): Promise<void> {
    for (const rule of await this.list())
      if (rule.channels.includes(channelId))
        await this.knex(TABLE)
          .where({ id: rule.id })
          .update({
            channels: JSON.stringify(
              rule.channels.filter(c => c !== channelId),
            ),
          });
  }
}
