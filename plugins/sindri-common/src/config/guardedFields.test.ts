import { guardedFieldUses } from './guardedFields';

describe('guardedFieldUses', () => {
  it('names each field that would reach the deploying host or widen privileges', () => {
    const uses = guardedFieldUses({
      providers: {
        docker: {
          privileged: true,
          network: 'host',
          dind: { enabled: true, mode: 'socket' },
        },
        devpod: {
          type: 'ssh',
          ssh: { host: '10.0.0.1' },
          docker: { dockerHost: 'tcp://10.0.0.2:2375' },
          kubernetes: { context: 'prod', namespace: 'kube-system' },
        },
        kubernetes: { namespace: 'default' },
        k8s: { provider: 'kind' },
        fly: { organization: 'someone-else' },
      },
    });
    expect(uses.map(u => [u.field, u.pointer])).toEqual([
      ['privileged', '/providers/docker/privileged'],
      ['docker-in-docker', '/providers/docker/dind/mode'],
      ['host-network', '/providers/docker/network'],
      ['remote-docker-host', '/providers/devpod/docker/dockerHost'],
      ['devpod-ssh', '/providers/devpod/type'],
      ['devpod-ssh', '/providers/devpod/ssh'],
      ['kubernetes-namespace', '/providers/kubernetes/namespace'],
      ['kubernetes-namespace', '/providers/devpod/kubernetes/namespace'],
      ['kubernetes-context', '/providers/devpod/kubernetes/context'],
      ['local-cluster', '/providers/k8s'],
      ['provider-organization', '/providers/fly/organization'],
    ]);
    expect(uses[0].message).toMatch(/privileged container/);
  });

  it('lets the safe forms through: sysbox, bridge, no privilege, a configured organisation', () => {
    expect(
      guardedFieldUses(
        {
          deployment: { provider: 'docker' },
          providers: {
            docker: {
              privileged: false,
              network: 'bridge',
              dind: { enabled: true, mode: 'sysbox' },
            },
            fly: { organization: 'acme' },
            e2b: { team: 'acme' },
          },
        },
        { fly: ['acme'], e2b: ['acme'] },
      ),
    ).toEqual([]);
    expect(guardedFieldUses(undefined)).toEqual([]);
  });

  it('treats Docker-in-Docker without a mode as auto, which may choose the socket', () => {
    expect(
      guardedFieldUses({ providers: { docker: { dind: { enabled: true } } } }),
    ).toEqual([
      expect.objectContaining({
        field: 'docker-in-docker',
        pointer: '/providers/docker/dind/enabled',
        message: expect.stringContaining('mode auto'),
      }),
    ]);
  });

  it('says which organisations are configured when a value is not one of them', () => {
    expect(
      guardedFieldUses(
        { providers: { northflank: { projectName: 'other' } } },
        { northflank: ['dev-envs'] },
      )[0].message,
    ).toMatch(/^"other" is not one of dev-envs: /);
  });
});
