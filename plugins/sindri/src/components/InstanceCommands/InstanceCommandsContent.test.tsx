import {
  act,
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { CommandStreamEvent } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import {
  commandRun,
  controlledStream,
  mockSindriApi,
  permissionApi,
  result,
} from '../../__testUtils__/fixtures';
import { InstanceCommandsContent } from './InstanceCommandsContent';

// MUI and material-table render slowly when the suites run in parallel
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 4000 });

const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
  spec: { type: 'sindri-instance', owner: 'group:default/platform' },
});

async function renderTab(
  name: string,
  api: ReturnType<typeof mockSindriApi>,
  allowed = true,
) {
  const permissions = permissionApi({ 'sindri.instance.command': allowed });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sindriApiRef, api],
        [permissionApiRef, permissions],
      ]}
    >
      <EntityProvider entity={entity(name)}>
        <InstanceCommandsContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return permissions;
}

const commandLine = () => screen.getByLabelText('Command line');
const runButton = () => screen.getByRole('button', { name: 'Run' });

describe('InstanceCommandsContent', () => {
  it('runs a command line as argv and shows its output live, then exit code, duration and bytes', async () => {
    const stream = controlledStream<CommandStreamEvent>();
    const started = commandRun({
      target: { instances: ['dev-cmd-a'] },
      results: [result('dev-cmd-a')],
    });
    const api = mockSindriApi({
      runCommand: jest.fn().mockResolvedValue(started),
      streamCommand: jest.fn().mockReturnValue(stream.iterable),
      cancelCommand: jest
        .fn()
        .mockResolvedValue({ ...started, state: 'cancelled' }),
    });
    await renderTab('dev-cmd-a', api);
    await waitFor(() => expect(commandLine()).toBeEnabled());

    fireEvent.change(commandLine(), {
      target: { value: `grep -c "model name" /proc/cpuinfo` },
    });
    fireEvent.click(runButton());

    await waitFor(() =>
      expect(api.runCommand).toHaveBeenCalledWith({
        target: { instances: ['dev-cmd-a'] },
        command: { argv: ['grep', '-c', 'model name', '/proc/cpuinfo'] },
        timeoutSeconds: 300,
        concurrency: 1,
      }),
    );
    expect(api.streamCommand).toHaveBeenCalledWith(
      started.id,
      expect.objectContaining({ signal: expect.anything() }),
    );

    const running = {
      ...started,
      counts: { running: 1 },
      results: [
        result('dev-cmd-a', {
          state: 'running',
          startedAt: '2026-11-23T10:00:01Z',
        }),
      ],
    };
    act(() =>
      stream.push(
        { type: 'snapshot', run: running },
        {
          type: 'output',
          instance: 'dev-cmd-a',
          stream: 'stdout',
          data: '8\n',
        },
        {
          type: 'output',
          instance: 'dev-cmd-a',
          stream: 'stderr',
          data: 'grep: warning: stray \\\n',
        },
      ),
    );
    expect(await screen.findByText(/^8\s*$/)).toBeInTheDocument();
    expect(screen.getByText(/grep: warning: stray/)).toBeInTheDocument();
    const row = screen.getByTestId('result-dev-cmd-a');
    expect(within(row).getByText('running')).toBeInTheDocument();
    expect(within(row).getAllByText('not yet')).toHaveLength(2); // exit code and bytes
    expect(runButton()).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();

    const finished = result('dev-cmd-a', {
      state: 'succeeded',
      exitCode: 0,
      durationMs: 1234,
      stdoutBytes: 2,
      stderrBytes: 22,
      stdout: '8\n',
      stderr: 'grep: warning: stray \\\n',
    });
    act(() => {
      stream.push(
        { type: 'result', result: finished },
        {
          type: 'done',
          run: {
            ...started,
            state: 'done',
            counts: { succeeded: 1 },
            results: [finished],
          },
        },
      );
      stream.end();
    });

    await waitFor(() =>
      expect(within(row).getByText('succeeded')).toBeInTheDocument(),
    );
    expect(within(row).getByText('0')).toBeInTheDocument();
    expect(within(row).getByText('1.2 s')).toBeInTheDocument();
    expect(within(row).getByText('2 B / 22 B')).toBeInTheDocument();
    expect(screen.getByText('1 succeeded')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Cancel' }),
    ).not.toBeInTheDocument();
    expect(runButton()).toBeEnabled();
  });

  it('cancels a running command', async () => {
    const stream = controlledStream<CommandStreamEvent>();
    const started = commandRun({
      id: '0d9e3c47-55a1-4b0e-8f2c-1a2b3c4d5e6f',
      target: { instances: ['dev-cmd-b'] },
      results: [result('dev-cmd-b')],
    });
    const api = mockSindriApi({
      runCommand: jest.fn().mockResolvedValue(started),
      streamCommand: jest.fn().mockReturnValue(stream.iterable),
      cancelCommand: jest.fn().mockResolvedValue({
        ...started,
        state: 'cancelled',
        counts: { cancelled: 1 },
        results: [result('dev-cmd-b', { state: 'cancelled' })],
      }),
    });
    await renderTab('dev-cmd-b', api);
    await waitFor(() => expect(commandLine()).toBeEnabled());
    fireEvent.change(commandLine(), { target: { value: 'sleep 600' } });
    fireEvent.click(runButton());

    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(api.cancelCommand).toHaveBeenCalledWith(started.id),
    );
    expect(
      await within(screen.getByTestId('result-dev-cmd-b')).findByText(
        'cancelled',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Cancel' }),
    ).not.toBeInTheDocument();
  });

  it('rejects shell operators before anything is sent', async () => {
    const api = mockSindriApi();
    await renderTab('dev-cmd-c', api);
    await waitFor(() => expect(commandLine()).toBeEnabled());

    fireEvent.change(commandLine(), {
      target: { value: 'cat /etc/os-release | grep ID' },
    });
    fireEvent.click(runButton());

    expect(
      await screen.findByText(/\| is a shell operator/),
    ).toBeInTheDocument();
    expect(api.runCommand).not.toHaveBeenCalled();
  });

  it('runs a script, which must start with #!', async () => {
    const started = commandRun({ command: { script: '#!/bin/sh\necho hi\n' } });
    const api = mockSindriApi({
      runCommand: jest.fn().mockResolvedValue(started),
      streamCommand: jest.fn().mockReturnValue(controlledStream().iterable),
    });
    await renderTab('dev-cmd-d', api);
    await waitFor(() => expect(commandLine()).toBeEnabled());

    fireEvent.click(screen.getByLabelText('Script'));
    const script = screen.getByLabelText('Script', { selector: 'textarea' });
    fireEvent.change(script, { target: { value: 'echo hi\n' } });
    fireEvent.click(runButton());
    expect(
      await screen.findByText(/must start with an interpreter line/),
    ).toBeInTheDocument();
    expect(api.runCommand).not.toHaveBeenCalled();

    fireEvent.change(script, { target: { value: '#!/bin/sh\necho hi\n' } });
    fireEvent.click(runButton());
    await waitFor(() =>
      expect(api.runCommand).toHaveBeenCalledWith(
        expect.objectContaining({
          command: { script: '#!/bin/sh\necho hi\n' },
        }),
      ),
    );
  });

  it('shows why the form is disabled when the permission is denied', async () => {
    const api = mockSindriApi();
    const permissions = await renderTab('dev-cmd-e', api, false);

    expect(
      await screen.findAllByText(
        /You are not permitted to run commands on this instance/,
      ),
    ).not.toHaveLength(0);
    expect(
      screen.getAllByText(/sindri\.instance\.command/).length,
    ).toBeGreaterThan(0);
    expect(commandLine()).toBeDisabled();
    expect(runButton()).toBeDisabled();
    expect(permissions.authorize).toHaveBeenCalledWith(
      expect.objectContaining({ resourceRef: 'resource:default/dev-cmd-e' }),
    );
    expect(api.runCommand).not.toHaveBeenCalled();
  });

  it('shows the start error the backend gave', async () => {
    const api = mockSindriApi({
      runCommand: jest
        .fn()
        .mockRejectedValue(new Error('agent dev-cmd-f is not connected')),
    });
    await renderTab('dev-cmd-f', api);
    await waitFor(() => expect(commandLine()).toBeEnabled());
    fireEvent.change(commandLine(), { target: { value: 'uptime' } });
    fireEvent.click(runButton());

    expect(
      await screen.findByText('Error: The command was not started'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/agent dev-cmd-f is not connected/),
    ).toBeInTheDocument();
  });

  it("lists this instance's history, filters by state and expands a run to its results", async () => {
    const past = commandRun({
      state: 'done',
      counts: { failed: 1 },
      results: undefined,
      command: { argv: ['df', '-h'] },
    });
    const api = mockSindriApi({
      listCommands: jest.fn().mockResolvedValue([past]),
      getCommand: jest.fn().mockResolvedValue({
        ...past,
        results: [
          result('dev-cmd-g', {
            state: 'failed',
            exitCode: 1,
            durationMs: 40,
            stderr: 'df: /mnt: No such file',
          }),
        ],
      }),
    });
    await renderTab('dev-cmd-g', api);

    expect(await screen.findByText('df -h')).toBeInTheDocument();
    expect(screen.getByText('1 failed')).toBeInTheDocument();
    expect(api.listCommands).toHaveBeenCalledWith({
      instance: 'dev-cmd-g',
      limit: 50,
    });

    fireEvent.mouseDown(screen.getByLabelText('State'));
    fireEvent.click(await screen.findByRole('option', { name: 'done' }));
    await waitFor(() =>
      expect(api.listCommands).toHaveBeenLastCalledWith({
        instance: 'dev-cmd-g',
        state: 'done',
        limit: 50,
      }),
    );

    fireEvent.click(
      screen.getByRole('button', { name: 'Detail panel visiblity toggle' }),
    );
    await waitFor(() => expect(api.getCommand).toHaveBeenCalledWith(past.id));
    const row = await screen.findByTestId('result-dev-cmd-g');
    expect(within(row).getByText('failed')).toBeInTheDocument();
    fireEvent.click(
      within(row).getByRole('button', { name: 'Show output of dev-cmd-g' }),
    );
    expect(
      await screen.findByText('df: /mnt: No such file'),
    ).toBeInTheDocument();
  });
});
