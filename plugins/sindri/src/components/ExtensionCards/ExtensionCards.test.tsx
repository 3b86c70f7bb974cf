import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { SindriRequestError } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { instance, mockSindriApi } from '../../__testUtils__/fixtures';
import { ExtensionAboutCard } from './ExtensionAboutCard';
import { ExtensionDependenciesCard } from './ExtensionDependenciesCard';
import { InstanceExtensionsCard } from './InstanceExtensionsCard';

const render = (entity: Entity, card: JSX.Element, api = mockSindriApi()) =>
  renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

const drawn = () =>
  [...document.querySelectorAll('[data-testid^=extension-node-]')].map(n => [
    n.getAttribute('data-testid')!.slice('extension-node-'.length),
    n.getAttribute('data-mark') || n.getAttribute('data-role'),
  ]);

const nodejsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'nodejs', namespace: 'sindri' },
  spec: {
    type: 'sindri-extension',
    owner: 'platform',
    lifecycle: 'production',
  },
};

describe('ExtensionAboutCard', () => {
  it('shows what the extension needs, what it packages and the instances that have it', async () => {
    const api = mockSindriApi();
    (api.extensions.get as jest.Mock).mockResolvedValue({
      ...(await api.extensions.list()).extensions[2],
      requirements: { domains: ['nodejs.org'], diskSpaceMb: 600 },
      bom: [
        { name: 'node', version: '22.11.0', source: 'mise', license: 'MIT' },
      ],
      usedBy: 2,
      failedOn: 1,
      usageSource: 'the agents',
      instances: [
        { name: 'dev-alice', state: 'installed' },
        { name: 'dev-bob', state: 'installed' },
        { name: 'dev-carol', state: 'failed', error: 'exit status 1' },
      ],
    });
    await render(nodejsEntity, <ExtensionAboutCard />, api);

    expect(
      await screen.findByText('Instances with it (2)'),
    ).toBeInTheDocument();
    expect(api.extensions.get).toHaveBeenCalledWith('nodejs');
    expect(screen.getByRole('link', { name: 'dev-alice' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/dev-alice',
    );
    expect(screen.getByText(/: exit status 1/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /Disk 600 MB, memory not stated, about not stated to install; reaches nodejs.org/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '22.11.0' })).toBeInTheDocument();
  });

  it('says when no readable instance reports it, and when it lists no BOM', async () => {
    const api = mockSindriApi();
    (api.extensions.get as jest.Mock).mockResolvedValue({
      ...(await api.extensions.list()).extensions[2],
      usageSource: 'the agents',
      instances: [],
    });
    await render(nodejsEntity, <ExtensionAboutCard />, api);
    expect(
      await screen.findByText('No instance you may read reports it installed.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Its extension.yaml lists no bill of materials.'),
    ).toBeInTheDocument();
  });
});

it('says when the extension is not in the registry the portal reads, rather than showing an error', async () => {
  const api = mockSindriApi();
  (api.extensions.get as jest.Mock).mockRejectedValue(
    new SindriRequestError('no extension "nodejs" in the registry', 404),
  );
  await render(nodejsEntity, <ExtensionAboutCard />, api);
  expect(
    await screen.findByText('nodejs is not in the registry this portal reads.'),
  ).toBeInTheDocument();
});

describe('ExtensionDependenciesCard', () => {
  it('draws the extension with what it needs and what needs it, and nothing else', async () => {
    await render(nodejsEntity, <ExtensionDependenciesCard />);
    await screen.findByTestId('extension-node-nodejs');
    expect(Object.fromEntries(drawn())).toEqual({
      'agent-browser': 'dependant',
      'mise-config': 'dependency',
      nodejs: 'selected',
      playwright: 'dependant',
    });
  });
});

describe('InstanceExtensionsCard', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'dev-alice' },
    spec: { type: 'sindri-instance', owner: 'group:default/platform' },
  };

  it('marks what the agent reports installed or failed, and what those need but it does not report', async () => {
    const reported = instance('dev-alice');
    reported.registration = {
      ...reported.registration!,
      extensions: [{ name: 'agent-browser' }, { name: 'nodejs' }],
      failedExtensions: [{ name: 'python', error: 'exit status 1' }],
    };
    await render(
      entity,
      <InstanceExtensionsCard />,
      mockSindriApi({ getInstance: jest.fn().mockResolvedValue(reported) }),
    );
    await screen.findByTestId('extension-node-agent-browser');
    expect(Object.fromEntries(drawn())).toEqual({
      'agent-browser': 'installed',
      nodejs: 'installed',
      playwright: 'missing',
      'mise-config': 'missing',
      python: 'failed',
    });
    expect(
      screen.getByText(/2 needed or declared but not reported/),
    ).toBeInTheDocument();
  });

  it('says what is not known before an agent registers', async () => {
    await render(
      entity,
      <InstanceExtensionsCard />,
      mockSindriApi({
        getInstance: jest
          .fn()
          .mockResolvedValue(
            instance('dev-alice', { registration: undefined }),
          ),
      }),
    );
    expect(
      await screen.findByText(/No agent has registered for this instance yet/),
    ).toBeInTheDocument();
  });

  it('marks what its declared sindri.yaml needs but is not reported, and what is not declared', async () => {
    const reported = instance('dev-alice');
    reported.registration = {
      ...reported.registration!,
      extensions: [{ name: 'nodejs' }, { name: 'rust' }],
    };
    const api = mockSindriApi({
      getInstance: jest.fn().mockResolvedValue(reported),
    });
    (api.config.drift as jest.Mock).mockResolvedValue({
      status: 'drifted',
      config: 'match',
      tracksExtensions: true,
      declared: ['agent-browser', 'mise-config', 'nodejs', 'playwright'],
      missing: ['agent-browser', 'mise-config', 'playwright'],
      extra: ['rust'],
      failed: [],
    });
    await render(entity, <InstanceExtensionsCard />, api);
    await screen.findByTestId('extension-node-agent-browser');
    expect(Object.fromEntries(drawn())).toEqual({
      'agent-browser': 'missing',
      playwright: 'missing',
      'mise-config': 'missing',
      nodejs: 'installed',
      rust: 'extra',
    });
    expect(screen.getByText(/1 not declared/)).toBeInTheDocument();
  });

  it('says the extensions are not known when the agent cannot read the ledger, rather than "none"', async () => {
    const blind = instance('dev-alice');
    blind.registration = {
      ...blind.registration!,
      extensions: [],
      extensionLedger: 'unreadable',
    };
    await render(
      entity,
      <InstanceExtensionsCard />,
      mockSindriApi({ getInstance: jest.fn().mockResolvedValue(blind) }),
    );
    expect(
      await screen.findByText(
        /cannot read Sindri's ledger \(unreadable\): what it has installed is not known/,
      ),
    ).toBeInTheDocument();
  });
});
