import { Knex } from 'knex';
import { NotFoundError } from '@backstage/errors';
import { Enrollment } from '@internal/plugin-sindri-common';
import { toIso } from '../database/time';
import {
  MintedToken,
  mintAgentToken,
  parseAgentToken,
  secretMatches,
} from './agentToken';

/** The instance an agent token belongs to, and the token it presented. */
export interface AgentIdentity {
  instanceId: string;
  name: string;
  owner: string;
  tokenId: string;
}

/** Stores a minted token's hash for an instance (inside the caller's transaction). */
export async function insertToken(
  knex: Knex,
  minted: MintedToken,
  instanceId: string,
  createdBy: string,
  now: Date,
): Promise<void> {
  await knex('agent_tokens').insert({
    id: minted.id,
    instance_id: instanceId,
    secret_sha256: minted.secretSha256,
    created_by: createdBy,
    created_at: now,
  });
}

/**
 * Moves the token revision on, inside the transaction that takes tokens away
 * (revoke, rotate, remove an instance): every replica's sweeper sees it.
 */
export async function bumpTokenRevision(tx: Knex): Promise<void> {
  await tx('sindri_token_revisions').where({ id: 1 }).increment('revision', 1);
}

/** Agent tokens: hashed at rest, checked in constant time, rotated and revoked per instance. */
export class AgentTokenStore {
  constructor(private readonly knex: Knex) {}

  /** Revokes the instance's tokens and issues a new one. */
  async rotate(
    instanceId: string,
    createdBy: string,
  ): Promise<{ token: string }> {
    const minted = mintAgentToken();
    const now = new Date();
    await this.knex.transaction(async tx => {
      await this.requireInstance(tx, instanceId);
      await tx('agent_tokens')
        .where({ instance_id: instanceId })
        .whereNull('revoked_at')
        .update({ revoked_at: now });
      await insertToken(tx, minted, instanceId, createdBy, now);
      await bumpTokenRevision(tx);
    });
    return { token: minted.token };
  }

  /** Revokes every token of the instance; its agent can no longer connect. */
  /** When each instance's current token was minted. */
  async tokenAges(
    instanceIds: readonly string[],
  ): Promise<Map<string, string>> {
    const ages = new Map<string, string>();
    for (let i = 0; i < instanceIds.length; i += 500) {
      const rows = await this.knex('agent_tokens')
        .whereIn('instance_id', instanceIds.slice(i, i + 500))
        .whereNull('revoked_at')
        .select('instance_id', 'created_at');
      for (const r of rows) ages.set(r.instance_id, toIso(r.created_at)!);
    }
    return ages;
  }

  async revoke(instanceId: string): Promise<void> {
    await this.knex.transaction(async tx => {
      await this.requireInstance(tx, instanceId);
      await tx('agent_tokens')
        .where({ instance_id: instanceId })
        .whereNull('revoked_at')
        .update({ revoked_at: new Date() });
      await bumpTokenRevision(tx);
    });
  }

  /** How many times tokens were taken away, fleet-wide: unchanged means none was since. */
  async revision(): Promise<number> {
    const row = await this.knex('sindri_token_revisions')
      .where({ id: 1 })
      .first('revision');
    return Number(row?.revision ?? 0);
  }

  async listEnrollments(): Promise<Enrollment[]> {
    const rows = await this.knex('instances as i')
      .leftJoin('agent_tokens as t', q =>
        q.on('t.instance_id', 'i.id').andOnNull('t.revoked_at'),
      )
      .select(
        'i.id',
        'i.name',
        'i.owner',
        'i.registered_at',
        't.id as token_id',
        't.created_at as token_created_at',
        't.created_by',
      )
      .orderBy('i.name');
    return rows.map(r => ({
      instanceId: r.id,
      name: r.name,
      owner: r.owner,
      tokenId: r.token_id ?? undefined,
      tokenCreatedAt: toIso(r.token_created_at),
      tokenCreatedBy: r.created_by ?? undefined,
      registeredAt: toIso(r.registered_at),
    }));
  }

  /** The instance a presented token belongs to, or undefined for any bad or revoked token. */
  async authenticate(
    token: string | undefined,
  ): Promise<AgentIdentity | undefined> {
    const parsed = token ? parseAgentToken(token) : undefined;
    if (!parsed) return undefined;
    const row = await this.knex('agent_tokens as t')
      .join('instances as i', 'i.id', 't.instance_id')
      .where('t.id', parsed.id)
      .whereNull('t.revoked_at')
      .first('t.secret_sha256', 'i.id', 'i.name', 'i.owner');
    if (!row || !secretMatches(parsed.secret, row.secret_sha256))
      return undefined;
    return {
      instanceId: row.id,
      name: row.name,
      owner: row.owner,
      tokenId: parsed.id,
    };
  }

  /** Of these token ids, those still valid: not revoked, their instance not removed. */
  async validTokenIds(tokenIds: string[]): Promise<Set<string>> {
    const valid = new Set<string>();
    // SQLite caps bound parameters per statement
    for (let i = 0; i < tokenIds.length; i += 500) {
      const ids: string[] = await this.knex('agent_tokens')
        .whereIn('id', tokenIds.slice(i, i + 500))
        .whereNull('revoked_at')
        .pluck('id');
      ids.forEach(id => valid.add(id));
    }
    return valid;
  }

  private async requireInstance(knex: Knex, instanceId: string) {
    const row = await knex('instances').where({ id: instanceId }).first('id');
    if (!row) throw new NotFoundError(`no instance with id ${instanceId}`);
  }
}
