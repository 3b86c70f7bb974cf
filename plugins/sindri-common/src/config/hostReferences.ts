import { SindriConfigIssue } from './validateSindriConfig';

const HOST_FILE = "reads a file on the host that deploys it, here the portal's";

/**
 * What a sindri.yaml may not ask of the portal that deploys it: the Sindri
 * CLI resolves these on the deploying host, so a user could copy the
 * portal's files (`fromFile`, `source: file`, an SSH key or kind config path)
 * or its Vault secrets (`source: vault`, with the portal's Vault credentials)
 * into an instance they control. Secrets from the environment stay allowed:
 * the CLI gets only an allowlisted environment.
 */
export function hostReferences(document: unknown): SindriConfigIssue[] {
  const issues: SindriConfigIssue[] = [];
  const doc = (document ?? {}) as Record<string, any>;
  const secrets: unknown[] = Array.isArray(doc.secrets) ? doc.secrets : [];
  secrets.forEach((secret, i) => {
    const s = (secret ?? {}) as Record<string, unknown>;
    if (s.fromFile !== undefined)
      issues.push({ pointer: `/secrets/${i}/fromFile`, message: HOST_FILE });
    if (s.source === 'file')
      issues.push({
        pointer: `/secrets/${i}/source`,
        message: `"file" ${HOST_FILE}`,
      });
    if (s.source === 'vault')
      issues.push({
        pointer: `/secrets/${i}/source`,
        message:
          '"vault" is resolved with the deploying host\'s Vault credentials, here the portal\'s',
      });
  });
  if (doc.providers?.devpod?.ssh?.keyPath !== undefined)
    issues.push({
      pointer: '/providers/devpod/ssh/keyPath',
      message: HOST_FILE,
    });
  if (doc.providers?.k8s?.kind?.configFile !== undefined)
    issues.push({
      pointer: '/providers/k8s/kind/configFile',
      message: HOST_FILE,
    });
  return issues;
}
