import crypto from 'node:crypto';
import { Knex } from 'knex';
import {
  AlertChannel,
  AlertChannelInput,
  AlertChannelType,
} from '@internal/plugin-sindri-common';
import { toIso } from '../database/time';
import { SecretBox } from './SecretBox';

const TABLE = 'sindri_alert_channels';

/** A channel with its secret opened, for sending only: never returned by a route. */
export interface ChannelTarget {
  id: string;
  name: string;
  type: AlertChannelType;
  url?: string;
  secret?: string;
}

function fromRow(row: any): AlertChannel {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    ...(row.url ? { url: row.url } : {}),
    secretSet: Boolean(row.secret_encrypted),
    ...(row.updated_by ? { updatedBy: row.updated_by } : {}),
    updatedAt: toIso(row.updated_at)!,
  };
}

/** Where alerts are sent; secrets sealed by the SecretBox on the way in. */
export class AlertChannelStore {
  constructor(
    private readonly knex: Knex,
    private readonly secrets: SecretBox,
  ) {}

  async list(): Promise<AlertChannel[]> {
    return (await this.knex(TABLE).orderBy('name')).map(fromRow);
  }

  async get(id: string): Promise<AlertChannel | undefined> {
    const row = await this.knex(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** The ids among these that name no channel. */
  async unknown(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const known = new Set(
      (await this.knex(TABLE).whereIn('id', ids).select('id')).map(r => r.id),
    );
    return ids.filter(id => !known.has(id));
  }

  async target(id: string): Promise<ChannelTarget | undefined> {
    const row = await this.knex(TABLE).where({ id }).first();
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      url: row.url ?? undefined,
      secret: row.secret_encrypted
        ? this.secrets.open(row.secret_encrypted)
        : undefined,
    };
  }

  async create(input: AlertChannelInput, by: string): Promise<AlertChannel> {
    const id = crypto.randomUUID();
    await this.knex(TABLE).insert({
      id,
      name: input.name,
      type: input.type,
      url: input.url ?? null,
      secret_encrypted: input.secret ? this.secrets.seal(input.secret) : null,
      updated_by: by,
      updated_at: new Date(),
    });
    return (await this.get(id))!;
  }

  async update(
    id: string,
    input: AlertChannelInput,
    by: string,
  ): Promise<AlertChannel | undefined> {
    const changed = await this.knex(TABLE)
      .where({ id })
      .update({
        name: input.name,
        type: input.type,
        url: input.url ?? null,
        ...(input.secret
          ? { secret_encrypted: this.secrets.seal(input.secret) }
          : {}),
        updated_by: by,
        updated_at: new Date(),
      });
    return changed ? this.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.knex(TABLE).where({ id }).delete()) > 0;
  }
}
