import {
  act,
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { CommandStreamEvent } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import {
  commandRun,
  controlledStream,
  mockSindriApi,
  result,
} from '../../__testUtils__/fixtures';
import { RunCommandPage } from './RunCommandPage';

// MUI and material-table render slowly when the suites run in parallel
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 4000 });

const renderPage = (api: ReturnType<typeof mockSindriApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <RunCommandPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

const PROVIDER_FIELD = 'metadata.annotations.sindri.io/provider';

describe('RunCommandPage', () => {
  it('previews a catalog filter, runs on every matched instance and shows each result, one failing', async () => {
    const stream = controlledStream<CommandStreamEvent>();
    const target = { filter: { [PROVIDER_FIELD]: 'fly' } };
    const started = commandRun({
      target,
      command: { argv: ['git', 'pull'] },
      counts: { queued: 2, denied: 1 },
      results: [
        result('dev-a'),
        result('dev-b'),
        result('dev-c', { state: 'denied', message: 'not permitted' }),
      ],
    });
    const api = mockSindriApi({
      previewCommandTargets: jest.fn().mockResolvedValue([
        { name: 'dev-a', permitted: true },
        { name: 'dev-b', permitted: true },
        { name: 'dev-c', permitted: false },
      ]),
      runCommand: jest.fn().mockResolvedValue(started),
      streamCommand: jest.fn().mockReturnValue(stream.iterable),
    });
    await renderPage(api);

    await choose('Provider', 'fly');
    await waitFor(() =>
      expect(api.previewCommandTargets).toHaveBeenCalledWith(target),
    );
    expect(
      await screen.findByText(
        /3 instances selected; you may not run commands on 1 of them/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('dev-c: not permitted')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Command line'), {
      target: { value: 'git pull' },
    });
    fireEvent.change(screen.getByLabelText('Concurrency'), {
      target: { value: '2' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(api.runCommand).toHaveBeenCalledWith({
        target,
        command: { argv: ['git', 'pull'] },
        timeoutSeconds: 300,
        concurrency: 2,
      }),
    );

    const ok = result('dev-a', {
      state: 'succeeded',
      exitCode: 0,
      durationMs: 800,
      stdoutBytes: 20,
      stdout: 'Already up to date.\n',
    });
    const failed = result('dev-b', {
      state: 'failed',
      exitCode: 128,
      durationMs: 2500,
      stderrBytes: 40,
      stderr: 'fatal: not a git repository\n',
    });
    // results as they arrive, before the run is done
    act(() =>
      stream.push(
        { type: 'snapshot', run: started },
        {
          type: 'output',
          instance: 'dev-b',
          stream: 'stderr',
          data: 'fatal: not a git repository\n',
        },
        { type: 'result', result: ok },
        { type: 'result', result: failed },
      ),
    );
    expect(
      await screen.findByRole('button', { name: 'Cancel' }),
    ).toBeInTheDocument();
    const rowA = await screen.findByTestId('result-dev-a');
    await waitFor(() =>
      expect(within(rowA).getByText('succeeded')).toBeInTheDocument(),
    );
    expect(within(rowA).getByText('0')).toBeInTheDocument();
    expect(within(rowA).getByText('800 ms')).toBeInTheDocument();

    const rowB = screen.getByTestId('result-dev-b');
    expect(within(rowB).getByText('failed')).toBeInTheDocument();
    expect(within(rowB).getByText('128')).toBeInTheDocument();
    expect(within(rowB).getByText('2.5 s')).toBeInTheDocument();
    expect(within(rowB).getByText('0 B / 40 B')).toBeInTheDocument();

    const rowC = screen.getByTestId('result-dev-c');
    expect(within(rowC).getByText('denied')).toBeInTheDocument();
    expect(within(rowC).getByText('none')).toBeInTheDocument();
    expect(within(rowC).getByText('not permitted')).toBeInTheDocument();

    expect(
      screen.getByText('1 succeeded, 1 failed, 1 denied'),
    ).toBeInTheDocument();

    act(() => {
      stream.push({
        type: 'done',
        run: {
          ...started,
          state: 'done',
          counts: { succeeded: 1, failed: 1, denied: 1 },
          results: [ok, failed, started.results![2]],
        },
      });
      stream.end();
    });
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Cancel' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByText('fatal: not a git repository'),
    ).not.toBeInTheDocument();
    fireEvent.click(
      within(rowB).getByRole('button', { name: 'Show output of dev-b' }),
    );
    expect(
      await screen.findByText('fatal: not a git repository'),
    ).toBeInTheDocument();
  });

  it('targets instances by name and rejects names that cannot be instances', async () => {
    const api = mockSindriApi({
      previewCommandTargets: jest
        .fn()
        .mockResolvedValue([{ name: 'dev-a', permitted: true }]),
    });
    await renderPage(api);

    fireEvent.click(screen.getByLabelText('By name'));
    fireEvent.change(screen.getByLabelText('Instance names'), {
      target: { value: 'dev-a, Not_A_Name' },
    });
    fireEvent.change(screen.getByLabelText('Command line'), {
      target: { value: 'uptime' },
    });
    expect(
      screen.getByText(/Not instance names: Not_A_Name/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();

    fireEvent.change(screen.getByLabelText('Instance names'), {
      target: { value: 'dev-a dev-a' },
    });
    await waitFor(() =>
      expect(api.previewCommandTargets).toHaveBeenCalledWith({
        instances: ['dev-a'],
      }),
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled(),
    );
  });

  it('will not run when the user may run commands on none of the selected instances', async () => {
    const api = mockSindriApi({
      previewCommandTargets: jest
        .fn()
        .mockResolvedValue([{ name: 'dev-x', permitted: false }]),
    });
    await renderPage(api);

    await choose('Status', 'running');
    fireEvent.change(screen.getByLabelText('Command line'), {
      target: { value: 'uptime' },
    });
    expect(
      await screen.findByText(
        'You may run commands on none of the selected instances.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();
    expect(api.runCommand).not.toHaveBeenCalled();
  });

  it('filters the history by state, user and instance', async () => {
    const api = mockSindriApi({
      listCommands: jest
        .fn()
        .mockResolvedValue([
          commandRun({ state: 'done', counts: { succeeded: 1 } }),
        ]),
    });
    await renderPage(api);

    expect(await screen.findByText('uname -a')).toBeInTheDocument();
    await choose('State', 'cancelled');
    fireEvent.change(screen.getByLabelText('Started by'), {
      target: { value: 'user:default/bob' },
    });
    fireEvent.change(screen.getByLabelText('Instance'), {
      target: { value: 'dev-b' },
    });

    await waitFor(() =>
      expect(api.listCommands).toHaveBeenLastCalledWith({
        instance: 'dev-b',
        createdBy: 'user:default/bob',
        state: 'cancelled',
        limit: 50,
      }),
    );
  });
});
