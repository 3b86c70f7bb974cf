import yaml from 'yaml';
import { InstanceSecurity } from '@internal/plugin-sindri-common';
import { StoredInventory } from './InventoryStore';

const DAY_MS = 86_400_000;
const LOOPBACK = /^(127\.|::1$|localhost$)/;

type Access = InstanceSecurity['access'];

/** The secrets a sindri.yaml declares: names and sources, never values. */
export function declaredSecrets(sindriYaml?: string): Access['secrets'] {
  if (!sindriYaml) return [];
  const doc = yaml.parse(sindriYaml) as { secrets?: unknown };
  if (!Array.isArray(doc?.secrets)) return [];
  return doc.secrets
    .filter(
      (s): s is { name: string; source: string } =>
        Boolean(s) &&
        typeof s.name === 'string' &&
        typeof s.source === 'string',
    )
    .map(s => ({ name: s.name, source: s.source }));
}

/**
 * What an instance lets in: its agent token's age against the rotation
 * policy, the SSH keys allowed to log in (weak ones flagged), the sockets
 * listening (those not on loopback exposed), the secrets its sindri.yaml
 * declares.
 */
export function accessFindings(options: {
  tokenCreatedAt?: string;
  rotationDays: number;
  inventory?: StoredInventory;
  sindriYaml?: string;
  now: Date;
}): Access {
  const { tokenCreatedAt, rotationDays, inventory, now } = options;
  const ageDays = tokenCreatedAt
    ? Math.floor((now.getTime() - Date.parse(tokenCreatedAt)) / DAY_MS)
    : undefined;
  return {
    token: {
      ...(tokenCreatedAt ? { createdAt: tokenCreatedAt } : {}),
      ...(ageDays !== undefined ? { ageDays } : {}),
      rotationDays,
      stale: ageDays !== undefined && ageDays > rotationDays,
    },
    reported: Boolean(inventory),
    sshKeys: inventory?.access.sshKeys ?? [],
    listening: (inventory?.access.listening ?? []).map(p => ({
      ...p,
      exposed: !LOOPBACK.test(p.address),
    })),
    secrets: declaredSecrets(options.sindriYaml),
  };
}
