import { SindriConfigIssue } from './validateSindriConfig';

/**
 * sindri.yaml settings that would let whoever writes the file use the
 * platform's own deploy credentials to reach the host that deploys it or to
 * widen what they get: each is set only by roles the permission policy allows
 * it (`sindri.config.field.set` with the field's id as resource ref).
 */
export const GUARDED_FIELD_IDS = [
  'privileged',
  'docker-in-docker',
  'host-network',
  'remote-docker-host',
  'devpod-ssh',
  'kubernetes-namespace',
  'kubernetes-context',
  'local-cluster',
  'provider-organization',
] as const;

export type GuardedFieldId = (typeof GUARDED_FIELD_IDS)[number];

/** Where a provider's organisation (account, team, project) is named, keyed as in `sindri.deployments.organizations`. */
export const ORGANIZATION_FIELDS = {
  fly: '/providers/fly/organization',
  e2b: '/providers/e2b/team',
  northflank: '/providers/northflank/projectName',
  gcp: '/providers/devpod/gcp/project',
  azure: '/providers/devpod/azure/subscription',
  azureResourceGroup: '/providers/devpod/azure/resourceGroup',
} as const;

export type OrganizationKey = keyof typeof ORGANIZATION_FIELDS;

/** The organisations the platform deploys into, per key; a value outside them is a guarded field. */
export type AllowedOrganizations = Partial<Record<OrganizationKey, string[]>>;

/** One use of a guarded field in a document. */
export interface GuardedFieldUse extends SindriConfigIssue {
  field: GuardedFieldId;
}

function at(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const key of pointer.split('/').slice(1)) {
    if (!node || typeof node !== 'object' || Array.isArray(node))
      return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const WHY: Record<GuardedFieldId, string> = {
  privileged: 'a privileged container controls the Docker host it runs on',
  'docker-in-docker':
    "Docker-in-Docker other than sysbox runs privileged or mounts the host's Docker socket",
  'host-network':
    "host networking puts the instance on the Docker host's own network",
  'remote-docker-host': "deploys to a Docker host other than the platform's",
  'devpod-ssh': "deploys over SSH to a host of the file's choosing",
  'kubernetes-namespace':
    "picks the Kubernetes namespace the platform's credentials deploy into",
  'kubernetes-context':
    'picks the Kubernetes context (cluster and credentials) the platform deploys with',
  'local-cluster':
    'creates a local Kubernetes cluster on the host that deploys it',
  'provider-organization':
    'deploys into a provider organisation other than the configured ones',
};

/**
 * Every guarded field this sindri.yaml sets, with its JSON pointer. An
 * organisation is guarded only when it is not one of `organizations`.
 */
export function guardedFieldUses(
  document: unknown,
  organizations: AllowedOrganizations = {},
): GuardedFieldUse[] {
  const uses: GuardedFieldUse[] = [];
  const add = (field: GuardedFieldId, pointer: string, detail?: string) =>
    uses.push({
      field,
      pointer,
      message: `${detail ? `${detail}: ` : ''}${
        WHY[field]
      } (guarded field "${field}")`,
    });

  if (at(document, '/providers/docker/privileged') === true)
    add('privileged', '/providers/docker/privileged');
  const dind = at(document, '/providers/docker/dind') as
    | Record<string, unknown>
    | undefined;
  if (
    dind &&
    typeof dind === 'object' &&
    (dind.enabled === true || dind.mode !== undefined) &&
    dind.mode !== 'sysbox'
  ) {
    add(
      'docker-in-docker',
      dind.mode === undefined
        ? '/providers/docker/dind/enabled'
        : '/providers/docker/dind/mode',
      `mode ${String(dind.mode ?? 'auto')}`,
    );
  }
  if (at(document, '/providers/docker/network') === 'host')
    add('host-network', '/providers/docker/network');
  if (at(document, '/providers/devpod/docker/dockerHost') !== undefined)
    add('remote-docker-host', '/providers/devpod/docker/dockerHost');
  if (at(document, '/providers/devpod/type') === 'ssh')
    add('devpod-ssh', '/providers/devpod/type');
  if (at(document, '/providers/devpod/ssh') !== undefined)
    add('devpod-ssh', '/providers/devpod/ssh');
  for (const pointer of [
    '/providers/kubernetes/namespace',
    '/providers/devpod/kubernetes/namespace',
  ]) {
    if (at(document, pointer) !== undefined)
      add('kubernetes-namespace', pointer);
  }
  if (at(document, '/providers/devpod/kubernetes/context') !== undefined)
    add('kubernetes-context', '/providers/devpod/kubernetes/context');
  if (at(document, '/providers/k8s') !== undefined)
    add('local-cluster', '/providers/k8s');
  for (const [key, pointer] of Object.entries(ORGANIZATION_FIELDS) as Array<
    [OrganizationKey, string]
  >) {
    const value = at(document, pointer);
    if (value === undefined) continue;
    const allowed = organizations[key] ?? [];
    if (!allowed.includes(String(value))) {
      add(
        'provider-organization',
        pointer,
        allowed.length
          ? `"${String(value)}" is not one of ${allowed.join(', ')}`
          : `"${String(value)}"`,
      );
    }
  }
  return uses;
}
