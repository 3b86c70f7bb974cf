/** What an instance runs on, as far as its sindri.yaml says: what a price applies to. */
export interface DeployedResources {
  provider: string;
  cpus?: number;
  memoryGb?: number;
  diskGb?: number;
  gpu?: { tier: string; count: number };
  /** Fly.io: shared or performance CPUs, and the region */
  cpuKind?: string;
  region?: string;
  /** DevPod: the cloud and its machine type, e.g. aws and c5.xlarge */
  machine?: { cloud: string; type: string };
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(TB|GB|MB|Ti|Gi|Mi|T|G|M)?$/i;
const GB: Record<string, number> = {
  tb: 1000,
  t: 1000,
  ti: 1024,
  gb: 1,
  g: 1,
  gi: 1.073741824,
  mb: 0.001,
  m: 0.001,
  mi: 0.001048576,
};

/** `8GB`, `512MB`, `4Gi` as gigabytes; undefined for anything else. */
export function gigabytes(value: unknown): number | undefined {
  if (typeof value === 'number' && value >= 0) return value;
  if (typeof value !== 'string') return undefined;
  const m = SIZE.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * GB[(m[2] ?? 'gb').toLowerCase()];
}

const obj = (v: unknown): Record<string, any> =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, any>)
    : {};

const MACHINE_KEYS: Record<string, string> = {
  aws: 'instanceType',
  gcp: 'machineType',
  azure: 'vmSize',
  digitalocean: 'size',
};

/** The priced resources of a deployed sindri.yaml document. */
export function deployedResources(document: unknown): DeployedResources {
  const doc = obj(document);
  const deployment = obj(doc.deployment);
  const resources = obj(deployment.resources);
  const provider = String(deployment.provider ?? 'unknown');
  const providers = obj(doc.providers);
  const own = obj(providers[provider]);
  const gpu = obj(resources.gpu);
  const disk =
    gigabytes(obj(obj(deployment.volumes).workspace).size) ??
    gigabytes(own.volumeSizeGb) ??
    gigabytes(obj(own[own.type]).diskSize);
  const cloud = typeof own.type === 'string' ? own.type : undefined;
  const machineType = cloud
    ? obj(own[cloud])[MACHINE_KEYS[cloud] ?? '']
    : undefined;
  return {
    provider,
    ...(typeof resources.cpus === 'number' ? { cpus: resources.cpus } : {}),
    ...(gigabytes(resources.memory) !== undefined
      ? { memoryGb: gigabytes(resources.memory) }
      : {}),
    ...(disk !== undefined ? { diskGb: disk } : {}),
    ...(gpu.enabled && typeof gpu.tier === 'string'
      ? {
          gpu: {
            tier: gpu.tier.toLowerCase(),
            count: typeof gpu.count === 'number' ? gpu.count : 1,
          },
        }
      : {}),
    ...(typeof own.cpuKind === 'string' ? { cpuKind: own.cpuKind } : {}),
    ...(typeof own.region === 'string' ? { region: own.region } : {}),
    ...(cloud && typeof machineType === 'string'
      ? { machine: { cloud, type: machineType } }
      : {}),
  };
}
