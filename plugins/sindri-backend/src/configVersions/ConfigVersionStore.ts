import { Knex } from 'knex';
import { toIso } from '../database/time';

type VersionRow = {
  instance_id: string;
  version: number;
  sindri_yaml: string;
  created_by: string;
  created_at: unknown;
  operation_id: string | null;
};

/** A version as stored: its text, author, time and the operation that applied it. */
export interface StoredConfigVersion {
  version: number;
  sindriYaml: string;
  createdBy: string;
  createdAt: string;
  operationId?: string;
}

const toVersion = (row: VersionRow): StoredConfigVersion => ({
  version: row.version,
  sindriYaml: row.sindri_yaml,
  createdBy: row.created_by,
  createdAt: toIso(row.created_at)!,
  ...(row.operation_id ? { operationId: row.operation_id } : {}),
});

/** Every sindri.yaml the portal stored for each instance, numbered from 1. */
export class ConfigVersionStore {
  constructor(private readonly knex: Knex) {}

  /** Stores the first version of a new instance (what it was created with); returns its number. */
  async add(
    instanceId: string,
    entry: { sindriYaml: string; createdBy: string },
  ): Promise<number> {
    const version = ((await this.newestNumber(instanceId)) ?? 0) + 1;
    await this.knex('instance_config_versions').insert({
      instance_id: instanceId,
      version,
      sindri_yaml: entry.sindriYaml,
      created_by: entry.createdBy,
      created_at: new Date(),
      operation_id: null,
    });
    return version;
  }

  /**
   * An applied edit, in one transaction: the next version (only on top of
   * `base`), the operation applying it, and the deployment's sindri.yaml.
   * Returns its number, or undefined when another version was stored since
   * `base` (then nothing changed).
   */
  async declare(
    instanceId: string,
    entry: {
      sindriYaml: string;
      createdBy: string;
      base: number;
      operationId: string;
    },
  ): Promise<number | undefined> {
    try {
      return await this.knex.transaction(async tx => {
        const row = await tx('instance_config_versions')
          .where({ instance_id: instanceId })
          .max({ v: 'version' })
          .first();
        if (Number(row?.v ?? 0) !== entry.base) return undefined;
        await tx('instance_config_versions').insert({
          instance_id: instanceId,
          version: entry.base + 1,
          sindri_yaml: entry.sindriYaml,
          created_by: entry.createdBy,
          created_at: new Date(),
          operation_id: entry.operationId,
        });
        await tx('instance_deployments')
          .where({ instance_id: instanceId })
          .update({ sindri_yaml: entry.sindriYaml, updated_at: new Date() });
        return entry.base + 1;
      });
    } catch (error) {
      // another replica stored that number first: the primary key refused this one
      if ((await this.newestNumber(instanceId)) !== entry.base)
        return undefined;
      throw error;
    }
  }

  async linkOperation(
    instanceId: string,
    version: number,
    operationId: string,
  ) {
    await this.knex('instance_config_versions')
      .where({ instance_id: instanceId, version })
      .update({ operation_id: operationId });
  }

  async newestNumber(instanceId: string): Promise<number | undefined> {
    const row = await this.knex('instance_config_versions')
      .where({ instance_id: instanceId })
      .max({ v: 'version' })
      .first();
    return row?.v === null || row?.v === undefined ? undefined : Number(row.v);
  }

  /** Newest first, without their text. */
  async list(
    instanceId: string,
  ): Promise<Array<Omit<StoredConfigVersion, 'sindriYaml'>>> {
    const rows: VersionRow[] = await this.knex('instance_config_versions')
      .where({ instance_id: instanceId })
      .orderBy('version', 'desc')
      .select(
        'instance_id',
        'version',
        'created_by',
        'created_at',
        'operation_id',
      );
    return rows.map(row => {
      const { sindriYaml: _text, ...rest } = toVersion({
        ...row,
        sindri_yaml: '',
      });
      return rest;
    });
  }

  async get(
    instanceId: string,
    version: number,
  ): Promise<StoredConfigVersion | undefined> {
    const row = await this.knex<VersionRow>('instance_config_versions')
      .where({ instance_id: instanceId, version })
      .first();
    return row ? toVersion(row) : undefined;
  }
}
