import { hostReferences } from './hostReferences';

describe('hostReferences', () => {
  it('names every field that would make the portal read its own files or Vault', () => {
    expect(
      hostReferences({
        secrets: [
          { name: 'A', source: 'env' },
          { name: 'B', source: 'env', fromFile: '~/.ssh/id_rsa' },
          { name: 'C', source: 'file', path: '/etc/passwd', mountPath: '/x' },
          { name: 'D', source: 'vault', vaultPath: 'secret/portal' },
        ],
        providers: {
          devpod: { ssh: { keyPath: '~/.ssh/id_ed25519' } },
          k8s: { kind: { configFile: '/etc/kind.yaml' } },
        },
      }).map(i => i.pointer),
    ).toEqual([
      '/secrets/1/fromFile',
      '/secrets/2/source',
      '/secrets/3/source',
      '/providers/devpod/ssh/keyPath',
      '/providers/k8s/kind/configFile',
    ]);
  });

  it('lets secrets from the environment and everything else through', () => {
    expect(
      hostReferences({
        secrets: [{ name: 'API_TOKEN', source: 'env', required: true }],
        deployment: { provider: 'fly' },
      }),
    ).toEqual([]);
    expect(hostReferences(undefined)).toEqual([]);
  });
});
