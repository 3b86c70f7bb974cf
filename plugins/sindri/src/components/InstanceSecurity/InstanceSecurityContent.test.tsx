import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { InstanceSecurity } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi } from '../../__testUtils__/fixtures';
import { InstanceSecurityContent } from './InstanceSecurityContent';

const base: InstanceSecurity = {
  inventory: {
    hash: 'b'.repeat(64),
    collectedAt: '2026-12-02T08:00:00.000Z',
    receivedAt: '2026-12-02T08:00:01.000Z',
    os: { id: 'debian', versionId: '12' },
    sources: [
      { source: 'dpkg', state: 'collected', count: 1 },
      { source: 'rpm', state: 'unavailable', message: 'rpm is not installed' },
    ],
    componentCount: 2,
  },
  components: [
    {
      source: 'dpkg',
      name: 'coreutils',
      version: '9.1-1',
      purl: 'pkg:deb/debian/coreutils@9.1-1?distro=debian-12',
    },
    {
      source: 'pip',
      name: 'pip',
      version: '23.2.1',
      purl: 'pkg:pypi/pip@23.2.1',
    },
  ],
  advisories: [],
  sync: { url: 'http://osv.test', checked: 0, unsupported: 0, pending: 2 },
  access: {
    token: { ageDays: 120, rotationDays: 90, stale: true },
    reported: true,
    sshKeys: [],
    listening: [],
    secrets: [{ name: 'GITHUB_TOKEN', source: 'env' }],
  },
  freshness: [],
};

const render = (security: InstanceSecurity) => {
  const api = mockSindriApi();
  (api.security.instance as jest.Mock).mockResolvedValue(security);
  return renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'dev-1' },
          spec: { type: 'sindri-instance', owner: 'group:default/platform' },
        }}
      >
        <InstanceSecurityContent />
      </EntityProvider>
    </TestApiProvider>,
  );
};

describe('InstanceSecurityContent', () => {
  it('never shows an empty list as "no vulnerabilities" before advisories were synced', async () => {
    await render(base);
    expect(
      await screen.findByText(
        /Advisories have not been synced yet: no findings can be shown/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('advisories-empty')).toHaveTextContent(
      'No findings can be shown: advisories have never been synced.',
    );
    expect(screen.getByTestId('inventory-sources')).toHaveTextContent(
      'dpkg 1; rpm unavailable (rpm is not installed)',
    );
    expect(screen.getByTestId('token-age')).toHaveTextContent(
      '120 days old (rotation policy: 90 days) — due for rotation',
    );
    expect(screen.getByText(/GITHUB_TOKEN \(env\)/)).toBeInTheDocument();
  });

  it('keeps the findings through an outage and says since when and when it last synced', async () => {
    await render({
      ...base,
      advisories: [
        {
          id: 'GHSA-mq26-g339-26xf',
          summary: 'Command Injection in pip when used with Mercurial',
          severity: 'medium',
          score: 5.5,
          aliases: ['CVE-2023-5752'],
          references: [],
          package: base.components[1],
          affected: ['from the first, < 23.3'],
          fixed: ['23.3'],
          firstSeenAt: '2026-12-02T08:00:05.000Z',
        },
      ],
      sync: {
        url: 'http://osv.test',
        lastSuccessAt: '2026-12-02T08:00:05.000Z',
        lastAttemptAt: '2026-12-02T08:10:00.000Z',
        lastError: 'http://osv.test/v1/querybatch: ECONNREFUSED',
        checked: 2,
        unsupported: 0,
        pending: 0,
      },
    });
    expect(
      await screen.findByText(
        /The advisory source cannot be reached: findings may be missing/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('advisory-sync')).toHaveTextContent(
      /has not answered since .*ECONNREFUSED\. Advisories last synced/,
    );
    expect(screen.getByText('GHSA-mq26-g339-26xf')).toBeInTheDocument();
    expect(screen.getByText('medium (5.5)')).toBeInTheDocument();
    expect(screen.getByText('23.3')).toBeInTheDocument();
    expect(screen.getByText('from the first, < 23.3')).toBeInTheDocument();
  });
});
