import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Registration } from '@internal/plugin-sindri-common';
import { InstanceQuery } from '@internal/plugin-sindri-node';
import { whereInstanceCriteria } from '../permissions/instanceCriteria';

/** What one instance's agent last reported of its extensions (Sindri's ledger). */
export interface ExtensionReport {
  instance: string;
  owner: string;
  provider?: string;
  installed: string[];
  /** the newest install's duration in Sindri's ledger, of those that report one */
  installSeconds: Record<string, number>;
  /** with Sindri's reason, when it gave one */
  failed: Array<{ name: string; error?: string }>;
  /** the agent could not read Sindri's ledger: `installed` says nothing */
  ledgerUnknown?: 'missing' | 'unreadable';
}

/** The extensions each registered instance reports, read from its latest registration. */
export class ExtensionUsageStore {
  constructor(private readonly knex: Knex) {}

  async reports(
    criteria?: PermissionCriteria<InstanceQuery>,
  ): Promise<ExtensionReport[]> {
    const query = this.knex('instances')
      .whereNotNull('registration')
      .select('name', 'owner', 'provider', 'registration');
    if (criteria) whereInstanceCriteria(query, criteria);
    const rows = await query.orderBy('name');
    return rows.map(row => {
      const registration: Registration = JSON.parse(row.registration);
      return {
        instance: row.name,
        owner: row.owner,
        ...(row.provider ? { provider: row.provider } : {}),
        installed: registration.extensions.map(e => e.name),
        installSeconds: Object.fromEntries(
          registration.extensions
            .filter(e => e.installSeconds !== undefined)
            .map(e => [e.name, e.installSeconds!]),
        ),
        failed: (registration.failedExtensions ?? []).map(e => ({
          name: e.name,
          ...(e.error ? { error: e.error } : {}),
        })),
        ...(registration.extensionLedger &&
        registration.extensionLedger !== 'read'
          ? { ledgerUnknown: registration.extensionLedger }
          : {}),
      };
    });
  }
}
