import crypto from 'node:crypto';
import yaml from 'yaml';
import {
  declaredExtensions,
  DependencyGraph,
  InstanceDrift,
  ProfileExtensions,
  Registration,
  withConsoleAgent,
} from '@internal/plugin-sindri-common';

/** The text a driver writes on the instance for a stored sindri.yaml: what the agent's hash is compared with. */
export function deployedSindriYaml(stored: string): string {
  return yaml.stringify(withConsoleAgent(yaml.parse(stored)));
}

export const sha256 = (text: string) =>
  crypto.createHash('sha256').update(text).digest('hex');

/** What the portal declared for an instance: its newest stored sindri.yaml and how it is deployed. */
export interface DeclaredConfig {
  sindriYaml: string;
  version: number;
  /** the driver installs no extensions (the local driver) */
  installsNoExtensions: boolean;
  driver: string;
}

const minus = (a: Iterable<string>, b: Set<string>) =>
  [...a].filter(x => !b.has(x)).sort();

/**
 * Declared against reported: the declared extensions (profile, active and
 * additional, with their dependencies) against the agent's ledger, and the
 * hash of the sindri.yaml the driver wrote against the one the agent read.
 */
export function computeDrift(input: {
  declared?: DeclaredConfig;
  registration?: Registration;
  profiles: readonly ProfileExtensions[];
  graph: DependencyGraph;
}): Omit<InstanceDrift, 'checkedAt'> {
  const { declared, registration } = input;
  const empty = { missing: [], extra: [], failed: [] };
  if (!declared) {
    return {
      status: 'unknown',
      reason:
        'the portal did not deploy this instance (it was enrolled by hand): there is no declared sindri.yaml to compare with',
      config: 'not-declared',
      tracksExtensions: false,
      ...empty,
    };
  }
  const document = yaml.parse(declared.sindriYaml);
  // what the driver deploys: the stored file with the portal's console agent
  const wanted = declaredExtensions(document, input.profiles, input.graph, {
    withConsoleAgent: true,
  });
  const base = { declaredVersion: declared.version, declared: wanted };
  if (!registration) {
    return {
      status: 'unknown',
      reason: 'the agent has not registered yet',
      config: 'not-reported',
      tracksExtensions: false,
      ...base,
      ...empty,
    };
  }

  const reportedHash = registration.sindriConfig?.hash;
  let config: InstanceDrift['config'] = 'not-reported';
  if (reportedHash)
    config =
      reportedHash === sha256(deployedSindriYaml(declared.sindriYaml))
        ? 'match'
        : 'differs';

  const ledger = registration.extensionLedger ?? 'read';
  let untracked: string | undefined;
  if (declared.installsNoExtensions)
    untracked = `the ${declared.driver} driver installs no extensions: drift covers the sindri.yaml alone`;
  else if (ledger !== 'read')
    untracked = `the agent cannot read Sindri's ledger (${ledger}): drift covers the sindri.yaml alone`;

  const installed = new Set(registration.extensions.map(e => e.name));
  const failedNames = new Set(
    (registration.failedExtensions ?? []).map(e => e.name),
  );
  const extensions = untracked
    ? empty
    : {
        failed: [...failedNames].sort(),
        missing: minus(wanted, new Set([...installed, ...failedNames])),
        extra: minus(installed, new Set(wanted)),
      };
  const drifted =
    config === 'differs' ||
    extensions.missing.length +
      extensions.extra.length +
      extensions.failed.length >
      0;

  const reasons: string[] = [];
  if (!drifted && config === 'match')
    reasons.push(`matches version ${declared.version}`);
  if (config === 'differs')
    reasons.push(
      `the sindri.yaml on the instance differs from version ${declared.version}`,
    );
  if (extensions.missing.length)
    reasons.push(`missing ${extensions.missing.join(', ')}`);
  if (extensions.extra.length)
    reasons.push(`not declared: ${extensions.extra.join(', ')}`);
  if (extensions.failed.length)
    reasons.push(`failed to install: ${extensions.failed.join(', ')}`);
  if (untracked) reasons.push(untracked);
  if (config === 'not-reported')
    reasons.push('the agent reports no sindri.yaml hash');

  // extensions the driver should have installed but nobody can tell: not "in sync"
  const unknown =
    (untracked !== undefined && config === 'not-reported') ||
    (!declared.installsNoExtensions && ledger !== 'read');
  return {
    status: statusOf(drifted, unknown),
    reason: reasons.join('; '),
    config,
    tracksExtensions: !untracked,
    ...base,
    ...extensions,
  };
}

function statusOf(drifted: boolean, unknown: boolean): InstanceDrift['status'] {
  if (drifted) return 'drifted';
  return unknown ? 'unknown' : 'in-sync';
}
