import crypto from 'node:crypto';
import yaml from 'yaml';
import { FleetInstance, InstanceCost } from '@internal/plugin-sindri-common';
import {
  deployedResources,
  DeployedResources,
  gigabytes,
} from './deployedResources';
import { InstanceRates } from './estimateRates';

/**
 * Parsed resources by the sindri.yaml's digest: parsing is most of a fleet
 * request's work, and a stored file rarely changes between requests.
 */
const parsed = new Map<string, DeployedResources>();
const PARSED_LIMIT = 50_000;

export function resourcesOfYaml(text: string): DeployedResources {
  const key = crypto.createHash('sha1').update(text).digest('base64');
  let resources = parsed.get(key);
  if (!resources) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    resources = deployedResources(yaml.parse(text));
    parsed.set(key, resources);
  }
  return resources;
}

/** An instance's resources: its stored sindri.yaml, else what its agent reported of it. */
export function resourcesOf(
  instance: FleetInstance,
  storedYaml?: string,
): { resources: DeployedResources; from: InstanceCost['resourcesFrom'] } {
  if (storedYaml)
    return {
      resources: resourcesOfYaml(storedYaml),
      from: 'stored-sindri-yaml',
    };
  const reported = instance.registration?.sindriConfig?.resources;
  const provider = instance.provider ?? 'unknown';
  if (!reported) return { resources: { provider }, from: 'none' };
  return {
    resources: {
      provider,
      ...(reported.cpus ? { cpus: reported.cpus } : {}),
      ...(gigabytes(reported.memory) !== undefined
        ? { memoryGb: gigabytes(reported.memory) }
        : {}),
      ...(gigabytes(reported.disk) !== undefined
        ? { diskGb: gigabytes(reported.disk) }
        : {}),
      ...(reported.gpu
        ? { gpu: { tier: reported.gpu.toLowerCase(), count: 1 } }
        : {}),
    },
    from: 'agent-reported',
  };
}

/** What the rates add up to per hour while the instance runs or is stopped, optionally of one kind. */
export const perHourWhen = (
  rates: InstanceRates,
  when: 'running' | 'stopped',
  kind?: string,
) =>
  rates.lines
    .filter(l => l.when === when && (!kind || l.kind === kind))
    .reduce((sum, l) => sum + l.perHour, 0);
