import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  ConfigVersion,
  InstanceDrift,
  LifecycleOperation,
  OperationStreamEvent,
} from '@internal/plugin-sindri-common';
import { SindriApi, sindriApiRef } from '../../api/SindriApi';
import {
  controlledStream,
  mockSindriApi,
  permissionApi,
} from '../../__testUtils__/fixtures';
import { issueRange } from '../SindriYamlEditor';
import { InstanceConfigContent } from './InstanceConfigContent';

jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 4000 });

const V1 =
  'version: "3.0"\nname: dev-cfg\ndeployment:\n  provider: docker\nextensions:\n  profile: minimal\n';
const V2 = V1.replace(
  'profile: minimal\n',
  'profile: minimal\n  additional:\n    - python\n',
);

const update: LifecycleOperation = {
  id: 'op-update',
  instanceName: 'dev-cfg',
  kind: 'update',
  driver: 'local',
  state: 'running',
  actor: 'user:default/alice',
  startedAt: '2026-12-02T10:00:00.000Z',
  log: [],
};

const versions: ConfigVersion[] = [
  {
    version: 2,
    createdBy: 'user:default/alice',
    createdAt: '2026-12-02T10:00:00.000Z',
    current: true,
    operation: { ...update, state: 'succeeded' },
  },
  {
    version: 1,
    createdBy: 'user:default/alice',
    createdAt: '2026-12-01T10:00:00.000Z',
    current: false,
  },
];

const drift: InstanceDrift = {
  status: 'drifted',
  reason: 'the sindri.yaml on the instance differs from version 2',
  config: 'differs',
  tracksExtensions: false,
  declared: ['python'],
  declaredVersion: 2,
  missing: [],
  extra: [],
  failed: [],
  checkedAt: new Date().toISOString(),
};

async function renderTab(
  api: ReturnType<typeof mockSindriApi>,
  allowed: boolean,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sindriApiRef, api],
        [
          permissionApiRef,
          permissionApi({ 'sindri.instance.lifecycle': allowed }),
        ],
      ]}
    >
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: allowed ? 'dev-cfg' : 'dev-cfg-ro' },
          spec: { type: 'sindri-instance', owner: 'group:default/platform' },
        }}
      >
        <InstanceConfigContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** The config part of the API, each method a mock the test sets. */
function apiWithConfig() {
  const config = {
    versions: jest.fn(),
    version: jest.fn(),
    validate: jest.fn(),
    apply: jest.fn(),
    drift: jest.fn(),
  } as unknown as jest.Mocked<SindriApi['config']>;
  return { api: mockSindriApi({ config }), config };
}

describe('InstanceConfigContent', () => {
  it('shows drift, the declared file, history with results, and a diff of two versions', async () => {
    const { api, config } = apiWithConfig();
    config.versions.mockResolvedValue(versions);
    config.version.mockImplementation(async (_name: string, v: number) => ({
      ...versions.find(x => x.version === v)!,
      sindriYaml: v === 2 ? V2 : V1,
    }));
    config.drift.mockResolvedValue(drift);
    await renderTab(api, false);
    expect(await screen.findByText('drifted')).toBeInTheDocument();
    expect(screen.getByTestId('drift-reason')).toHaveTextContent(
      'differs from version 2',
    );
    expect(
      await screen.findByText('sindri.yaml — version 2'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/applying a change needs sindri.instance.lifecycle/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Apply/ })).toBeNull();
    expect(screen.getByText('2 (declared now)')).toBeInTheDocument();
    // the diff starts on the two newest versions, and marks the added lines
    const diff = await screen.findByTestId('sindri-yaml-diff');
    await waitFor(() => expect(diff).toHaveTextContent('- python'));
    expect(
      screen.getByText('dev-cfg-ro version 1 → dev-cfg-ro version 2'),
    ).toBeInTheDocument();
    expect(
      diff.querySelector('.cm-changedLine, .cm-insertedLine, .cm-changedText'),
    ).not.toBeNull();
  });

  it('diffs the declared file with another readable instance, and says when a text is hidden', async () => {
    const { api, config } = apiWithConfig();
    (api.listInstances as jest.Mock).mockResolvedValue([
      {
        id: 'a',
        name: 'dev-cfg-ro',
        owner: 'group:default/platform',
        status: 'running',
      },
      {
        id: 'b',
        name: 'dev-other',
        owner: 'group:default/platform',
        status: 'running',
      },
      {
        id: 'c',
        name: 'dev-secret',
        owner: 'group:default/other',
        status: 'running',
      },
    ]);
    config.versions.mockImplementation(async (name: string) =>
      name === 'dev-cfg-ro'
        ? versions
        : [{ ...versions[1], version: 3, current: true }],
    );
    config.version.mockImplementation(async (name: string, v: number) => {
      if (name === 'dev-secret')
        return { ...versions[1], version: v, sindriYamlHidden: true };
      if (name === 'dev-other')
        return {
          ...versions[1],
          version: v,
          sindriYaml: V1.replace('dev-cfg', 'dev-other'),
        };
      return {
        ...versions.find(x => x.version === v)!,
        sindriYaml: v === 2 ? V2 : V1,
      };
    });
    config.drift.mockResolvedValue(drift);
    await renderTab(api, false);
    await screen.findByTestId('sindri-yaml-diff');
    fireEvent.mouseDown(screen.getByRole('button', { name: /Compare with/ }));
    fireEvent.click(
      await screen.findByText('dev-other (its declared sindri.yaml)'),
    );
    expect(
      await screen.findByText('dev-cfg-ro version 1 → dev-other version 3'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('sindri-yaml-diff')).toHaveTextContent(
        'dev-other',
      ),
    );
    fireEvent.mouseDown(screen.getByRole('button', { name: /Compare with/ }));
    fireEvent.click(
      await screen.findByText('dev-secret (its declared sindri.yaml)'),
    );
    expect(
      await screen.findByText(
        /hidden: a sindri.yaml is shown to who created the instance/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('sindri-yaml-diff')).toBeNull();
  });

  it('refuses an invalid edit with its JSON path, and applies a valid one as an update that it follows', async () => {
    const { api, config } = apiWithConfig();
    config.versions.mockResolvedValue([versions[1]]);
    config.version.mockResolvedValue({
      ...versions[1],
      current: true,
      sindriYaml: V1,
    });
    config.drift.mockResolvedValue({
      ...drift,
      status: 'in-sync',
      config: 'match',
      reason: 'matches version 1',
    });
    config.validate.mockImplementation(async (_name: string, text: string) =>
      text.includes('name: other')
        ? {
            valid: false,
            issues: [
              {
                pointer: '/name',
                message:
                  'must stay "dev-cfg": an update keeps the instance\'s name',
              },
            ],
          }
        : { valid: true, issues: [] },
    );
    const stream = controlledStream<OperationStreamEvent>();
    api.streamOperation.mockReturnValue(stream.iterable);
    config.apply.mockResolvedValue({
      operation: update,
      entityRef: 'resource:default/dev-cfg',
      version: 2,
    });
    await renderTab(api, true);
    const editor = await screen.findByLabelText('sindri.yaml of dev-cfg');
    const apply = await screen.findByRole('button', {
      name: 'Apply as version 2',
    });
    expect(apply).toBeDisabled();

    // the editor is CodeMirror: text goes in through its content element
    editor.textContent = V1.replace('name: dev-cfg', 'name: other');
    fireEvent.input(editor);
    expect(
      await screen.findByText(
        '/name: must stay "dev-cfg": an update keeps the instance\'s name',
      ),
    ).toBeInTheDocument();
    expect(apply).toBeDisabled();

    editor.textContent = V2;
    fireEvent.input(editor);
    expect(
      await screen.findByText('valid: ready to apply'),
    ).toBeInTheDocument();
    await waitFor(() => expect(apply).toBeEnabled());
    fireEvent.click(apply);
    await waitFor(() =>
      expect(config.apply).toHaveBeenCalledWith('dev-cfg', V2, 1),
    );
    stream.push({
      type: 'progress',
      line: 'applying the new sindri.yaml to dev-cfg',
    });
    expect(
      await screen.findByText(/applying the new sindri.yaml/),
    ).toBeInTheDocument();
    stream.push({ type: 'done', operation: { ...update, state: 'succeeded' } });
    expect(await screen.findByText('succeeded')).toBeInTheDocument();
  });

  it('places an issue at the node its JSON pointer names, or at the nearest parent that exists', () => {
    const at = (pointer: string) => {
      const { from, to } = issueRange(V1, { pointer, message: '' });
      return V1.slice(from, to);
    };
    expect(at('/name')).toBe('dev-cfg');
    expect(at('/extensions/profile')).toBe('minimal');
    expect(at('/extensions/additional')).toMatch(/^profile: minimal/);
    expect(
      issueRange('a: [1\n', { pointer: '', message: '' }).from,
    ).toBeGreaterThan(0);
  });
});
