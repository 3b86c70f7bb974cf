import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  InstanceDeployment,
  LifecycleOperation,
  OperationStreamEvent,
} from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import {
  controlledStream,
  mockSindriApi,
  permissionApi,
} from '../../__testUtils__/fixtures';
import { InstanceLifecycleCard } from './InstanceLifecycleCard';

jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 4000 });

const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
  spec: { type: 'sindri-instance', owner: 'group:default/platform' },
});

const deployment = (
  state: InstanceDeployment['state'],
): InstanceDeployment => ({
  instanceName: 'dev-lc',
  driver: 'local',
  state,
  sindriYaml: 'name: dev-lc\n',
  provider: 'docker',
  createdBy: 'user:default/alice',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
});

const operation = (
  kind: LifecycleOperation['kind'],
  state: LifecycleOperation['state'],
  extra: Partial<LifecycleOperation> = {},
): LifecycleOperation => ({
  id: `op-${kind}`,
  instanceName: 'dev-lc',
  kind,
  driver: 'local',
  state,
  actor: 'user:default/alice',
  startedAt: '2026-11-23T10:00:00.000Z',
  log: [],
  ...extra,
});

// usePermission caches decisions by resource across tests: a denied one gets an instance of its own
async function renderCard(
  api: ReturnType<typeof mockSindriApi>,
  allowed = true,
  name = 'dev-lc',
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
      <EntityProvider entity={entity(name)}>
        <InstanceLifecycleCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const button = (name: string) => screen.getByRole('button', { name });

describe('InstanceLifecycleCard', () => {
  it("suspends: streams the driver's progress, then shows the new state", async () => {
    const stream = controlledStream<OperationStreamEvent>();
    const api = mockSindriApi({
      getDeployment: jest
        .fn()
        .mockResolvedValueOnce(deployment('running'))
        .mockResolvedValue(deployment('suspended')),
      runLifecycle: jest.fn().mockResolvedValue({
        operation: operation('suspend', 'running'),
        entityRef: 'resource:default/dev-lc',
      }),
      streamOperation: jest.fn().mockReturnValue(stream.iterable),
    });
    await renderCard(api);
    await waitFor(() => expect(button('Suspend')).toBeEnabled());
    // only what the state allows
    expect(button('Resume')).toBeDisabled();

    fireEvent.click(button('Suspend'));
    await waitFor(() =>
      expect(api.runLifecycle).toHaveBeenCalledWith('dev-lc', {
        action: 'suspend',
      }),
    );
    stream.push({
      type: 'snapshot',
      operation: operation('suspend', 'running'),
    });
    stream.push({ type: 'progress', line: 'stopped sindri-agent' });
    expect(await screen.findByText('stopped sindri-agent')).toBeInTheDocument();
    stream.push({ type: 'done', operation: operation('suspend', 'succeeded') });
    stream.end();
    expect(await screen.findByText('suspended')).toBeInTheDocument();
    await waitFor(() => expect(button('Resume')).toBeEnabled());
  });

  it('destroys only after the name is typed, and says it left the catalog', async () => {
    const stream = controlledStream<OperationStreamEvent>();
    const api = mockSindriApi({
      getDeployment: jest.fn().mockResolvedValue(deployment('running')),
      runLifecycle: jest.fn().mockResolvedValue({
        operation: operation('destroy', 'running'),
        entityRef: 'resource:default/dev-lc',
      }),
      streamOperation: jest.fn().mockReturnValue(stream.iterable),
    });
    await renderCard(api);
    await waitFor(() => expect(button('Destroy')).toBeEnabled());
    fireEvent.click(button('Destroy'));
    const confirm = await screen.findByLabelText(
      'Type the instance name to confirm',
    );
    const destroy = () =>
      screen.getAllByRole('button', { name: 'Destroy' }).at(-1)!;
    fireEvent.change(confirm, { target: { value: 'dev-l' } });
    expect(destroy()).toBeDisabled();
    fireEvent.change(confirm, { target: { value: 'dev-lc' } });
    fireEvent.click(destroy());
    await waitFor(() =>
      expect(api.runLifecycle).toHaveBeenCalledWith('dev-lc', {
        action: 'destroy',
        confirm: 'dev-lc',
        volumes: false,
      }),
    );
    stream.push({ type: 'done', operation: operation('destroy', 'succeeded') });
    stream.end();
    expect(
      await screen.findByText('dev-lc is destroyed and has left the catalog.'),
    ).toBeInTheDocument();
  });

  it('asks for the name again each time the destroy dialog opens', async () => {
    const api = mockSindriApi({
      getDeployment: jest.fn().mockResolvedValue(deployment('running')),
    });
    await renderCard(api);
    await waitFor(() => expect(button('Destroy')).toBeEnabled());
    fireEvent.click(button('Destroy'));
    fireEvent.change(
      await screen.findByLabelText('Type the instance name to confirm'),
      { target: { value: 'dev-lc' } },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(
        screen.queryByLabelText('Type the instance name to confirm'),
      ).not.toBeInTheDocument(),
    );
    fireEvent.click(button('Destroy'));
    expect(
      await screen.findByLabelText('Type the instance name to confirm'),
    ).toHaveValue('');
    expect(
      screen.getAllByRole('button', { name: 'Destroy' }).at(-1),
    ).toBeDisabled();
  });

  it("shows the driver's message when an operation fails", async () => {
    const stream = controlledStream<OperationStreamEvent>();
    const api = mockSindriApi({
      getDeployment: jest.fn().mockResolvedValue(deployment('running')),
      runLifecycle: jest.fn().mockResolvedValue({
        operation: operation('redeploy', 'running'),
        entityRef: 'resource:default/dev-lc',
      }),
      streamOperation: jest.fn().mockReturnValue(stream.iterable),
    });
    await renderCard(api);
    await waitFor(() => expect(button('Redeploy')).toBeEnabled());
    fireEvent.click(button('Redeploy'));
    await waitFor(() => expect(api.streamOperation).toHaveBeenCalled());
    stream.push({
      type: 'done',
      operation: operation('redeploy', 'failed', {
        message: 'sindri deploy: Prerequisites not satisfied: missing flyctl',
      }),
    });
    stream.end();
    expect(
      await screen.findByText(/Prerequisites not satisfied: missing flyctl/),
    ).toBeInTheDocument();
  });

  it('disables every action without the lifecycle permission, and names it', async () => {
    const api = mockSindriApi({
      getDeployment: jest.fn().mockResolvedValue(deployment('running')),
    });
    await renderCard(api, false, 'dev-lc-denied');
    expect(
      await screen.findByText('Not permitted: sindri.instance.lifecycle'),
    ).toBeInTheDocument();
    for (const name of ['Suspend', 'Resume', 'Redeploy', 'Destroy'])
      expect(button(name)).toBeDisabled();
  });

  it('follows an operation already running when it opens, and frees the buttons if its stream ends early', async () => {
    const stream = controlledStream<OperationStreamEvent>();
    const api = mockSindriApi({
      getDeployment: jest.fn().mockResolvedValue(deployment('suspending')),
      listOperations: jest
        .fn()
        .mockResolvedValue([operation('suspend', 'running')]),
      streamOperation: jest.fn().mockReturnValue(stream.iterable),
    });
    await renderCard(api);
    await waitFor(() =>
      expect(api.streamOperation).toHaveBeenCalledWith(
        'op-suspend',
        expect.anything(),
      ),
    );
    stream.push({
      type: 'snapshot',
      operation: operation('suspend', 'running', {
        log: ['stopping sindri-agent'],
      }),
    });
    expect(
      await screen.findByText('stopping sindri-agent'),
    ).toBeInTheDocument();
    stream.end();
    expect(
      await screen.findByText(
        /the progress stream ended before the operation did/,
      ),
    ).toBeInTheDocument();
  });

  it('watches an operation someone else runs without asking for its log, and says whose it is', async () => {
    const hidden = operation('suspend', 'running', {
      actor: 'user:default/bob',
      log: [],
      logHidden: true,
    });
    const api = mockSindriApi({
      getDeployment: jest.fn().mockResolvedValue({
        ...deployment('suspending'),
        sindriYaml: undefined,
        sindriYamlHidden: true,
      }),
      listOperations: jest
        .fn()
        .mockResolvedValueOnce([hidden])
        .mockResolvedValue([{ ...hidden, state: 'succeeded' }]),
      streamOperation: jest.fn(),
    });
    await renderCard(api, false, 'dev-lc-hidden');
    expect(
      await screen.findAllByText(
        'shown to user:default/bob and to sindri.instance.audit.read',
      ),
    ).not.toHaveLength(0);
    // read again until it ends, never streamed
    await waitFor(
      () =>
        expect(api.listOperations.mock.calls.length).toBeGreaterThanOrEqual(2),
      { timeout: 5000 },
    );
    expect(api.streamOperation).not.toHaveBeenCalled();
  });

  it('says so for an instance enrolled by hand', async () => {
    await renderCard(mockSindriApi());
    expect(
      await screen.findByText(
        /was enrolled by hand, not deployed by the portal/,
      ),
    ).toBeInTheDocument();
  });
});
