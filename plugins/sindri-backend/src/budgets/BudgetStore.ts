import { Knex } from 'knex';
import { BudgetEnforcement, BudgetInput } from '@internal/plugin-sindri-common';
import { toIso } from '../database/time';

const TABLE = 'sindri_budgets';

/** A group's budget as an admin set it. */
export interface Budget {
  group: string;
  monthlyUsd: number;
  enforcement: BudgetEnforcement;
  updatedBy: string;
  updatedAt: string;
}

const fromRow = (row: any): Budget => ({
  group: row.group_ref,
  monthlyUsd: Number(row.monthly_usd),
  enforcement: row.enforcement,
  updatedBy: row.updated_by,
  updatedAt: toIso(row.updated_at)!,
});

/** Owner groups' monthly budgets, one row per group. */
export class BudgetStore {
  constructor(private readonly knex: Knex) {}

  /** Every budget, or those of the given groups. */
  async list(groups?: readonly string[]): Promise<Budget[]> {
    const q = this.knex(TABLE).orderBy('group_ref');
    if (groups) q.whereIn('group_ref', groups);
    return (await q).map(fromRow);
  }

  async get(group: string): Promise<Budget | undefined> {
    const row = await this.knex(TABLE).where({ group_ref: group }).first();
    return row ? fromRow(row) : undefined;
  }

  async put(group: string, input: BudgetInput, by: string): Promise<void> {
    await this.knex(TABLE)
      .insert({
        group_ref: group,
        monthly_usd: input.monthlyUsd,
        enforcement: input.enforcement,
        updated_by: by,
        updated_at: new Date(),
      })
      .onConflict('group_ref')
      .merge();
  }

  /** Whether there was one to remove. */
  async delete(group: string): Promise<boolean> {
    return (await this.knex(TABLE).where({ group_ref: group }).delete()) > 0;
  }
}
