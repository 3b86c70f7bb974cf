import stringify from 'csv-stringify/lib/sync';
import type { FleetExtensionUsage } from '@internal/plugin-sindri-common';

type UsageRow = FleetExtensionUsage['instances'][number];

/** The matrix as CSV: one row per instance, one column per extension (`installed`, `failed`, `unknown` when the agent cannot read the ledger, or empty). */
export function usageCsv(
  rows: readonly UsageRow[],
  extensions: readonly string[],
): string {
  return stringify([
    ['instance', 'owner', 'provider', ...extensions],
    ...rows.map(row => {
      const installed = new Set(row.installed);
      const failed = new Set(row.failed);
      return [
        row.name,
        row.owner,
        row.provider ?? '',
        ...extensions.map(e => {
          if (installed.has(e)) return 'installed';
          if (failed.has(e)) return 'failed';
          return row.ledgerUnknown ? 'unknown' : '';
        }),
      ];
    }),
  ]);
}
