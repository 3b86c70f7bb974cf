import {
  act,
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { FitAddon } from '@xterm/addon-fit';
import { sindriApiRef } from '../../api/SindriApi';
import { SindriClient } from '../../api/SindriClient';
import { permissionApi } from '../../__testUtils__/fixtures';
import {
  startTerminalServer,
  TerminalPeer,
} from '../../__testUtils__/terminalServer';
import { InstanceTerminalContent } from './InstanceTerminalContent';

// MUI and material-table render slowly when the suites run in parallel
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 4000 });

const TIMEOUT = { timeout: 4000 };
let server: Awaited<ReturnType<typeof startTerminalServer>>;

beforeEach(async () => {
  server = await startTerminalServer();
  window.sessionStorage.clear();
});
afterEach(async () => {
  await server.close();
  jest.restoreAllMocks();
});

const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
  spec: { type: 'sindri-instance', owner: 'group:default/platform' },
});

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** The real SindriClient against the mock server; fetch answers the cookie and audit requests. */
function client() {
  const fetch = jest.fn(async (url: string) => {
    if (url.endsWith('/.backstage/auth/v1/cookie'))
      return json({ expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    if (url.endsWith('/terminal-sessions')) return json({ items: [] });
    return json({ error: { name: 'NotFoundError', message: 'not here' } }, 404);
  });
  const api = new SindriClient({
    discoveryApi: { getBaseUrl: async () => server.baseUrl },
    fetchApi: { fetch: fetch as any },
  });
  return { api, fetch };
}

async function renderTerminal(name: string, allowed = true) {
  const { api, fetch } = client();
  const permissions = permissionApi({ 'sindri.instance.terminal': allowed });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sindriApiRef, api],
        [permissionApiRef, permissions],
      ]}
    >
      <EntityProvider entity={entity(name)}>
        <InstanceTerminalContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  return { fetch, permissions };
}

async function peer(index = 0): Promise<TerminalPeer> {
  await waitFor(
    () => expect(server.peers.length).toBeGreaterThan(index),
    TIMEOUT,
  );
  return server.peers[index];
}

const textarea = () =>
  document.querySelector('.xterm-helper-textarea') as HTMLTextAreaElement;
const stateChip = () => screen.getByTestId('sindri-terminal-state');

describe('InstanceTerminalContent', () => {
  it('opens a session with the cookie, shows output, acknowledges it and sends keystrokes', async () => {
    const { fetch } = await renderTerminal('dev-term-a');
    const shell = await peer();

    expect(fetch).toHaveBeenCalledWith(
      `${server.baseUrl}/.backstage/auth/v1/cookie`,
      { credentials: 'include' },
    );
    expect(shell.url.pathname).toMatch(
      /^\/api\/sindri\/instances\/dev-term-a\/terminal\/[0-9a-f-]{36}$/,
    );
    expect(shell.url.searchParams.get('cols')).toBe('80');
    expect(shell.url.searchParams.get('rows')).toBe('24');
    expect(
      JSON.parse(
        window.sessionStorage.getItem('sindri.terminal.sessions.dev-term-a')!,
      ),
    ).toEqual([shell.session]);
    expect(stateChip()).toHaveTextContent('connecting');

    shell.json({ type: 'opened', created: true });
    await waitFor(() => expect(stateChip()).toHaveTextContent('live'), TIMEOUT);

    shell.output('hello from the shell\r\n');
    await waitFor(
      () =>
        expect(screen.getByTestId('sindri-terminal')).toHaveTextContent(
          'hello from the shell',
        ),
      TIMEOUT,
    );
    await waitFor(
      () =>
        expect(shell.acked()).toBe(
          Buffer.byteLength('hello from the shell\r\n'),
        ),
      TIMEOUT,
    );

    await userEvent.type(textarea(), 'ls{Enter}');
    await waitFor(() => expect(shell.typed).toBe('ls\r'), TIMEOUT);
  });

  it('sends the new size when the container is resized', async () => {
    await renderTerminal('dev-term-b');
    const shell = await peer();
    shell.json({ type: 'opened', created: true });
    await waitFor(() => expect(stateChip()).toHaveTextContent('live'), TIMEOUT);

    jest
      .spyOn(FitAddon.prototype, 'proposeDimensions')
      .mockReturnValue({ cols: 120, rows: 40 });
    act(() => (window.ResizeObserver as any).resizeAll());

    await waitFor(
      () =>
        expect(shell.control).toContainEqual({
          type: 'resize',
          cols: 120,
          rows: 40,
        }),
      TIMEOUT,
    );
  });

  it('reconnects to the same session after a drop and delivers what was typed meanwhile, in order', async () => {
    await renderTerminal('dev-term-c');
    const first = await peer();
    first.json({ type: 'opened', created: true });
    await waitFor(() => expect(stateChip()).toHaveTextContent('live'), TIMEOUT);

    first.socket.terminate();
    await waitFor(
      () => expect(stateChip()).toHaveTextContent('reconnecting'),
      TIMEOUT,
    );
    await userEvent.type(textarea(), 'echo 1');
    await userEvent.type(textarea(), '{Enter}');

    const second = await peer(1);
    expect(second.session).toBe(first.session);
    expect(second.typed).toBe(''); // nothing before the session is live again
    second.json({ type: 'opened', created: false });
    await waitFor(() => expect(stateChip()).toHaveTextContent('live'), TIMEOUT);
    await waitFor(() => expect(second.typed).toBe('echo 1\r'), TIMEOUT);
    expect(first.typed).toBe('');
    expect(screen.getByText(/Re-attached/)).toBeInTheDocument();
  });

  it('keeps retrying while the instance is offline', async () => {
    await renderTerminal('dev-term-d');
    const first = await peer();
    first.json({
      type: 'offline',
      message: 'agent dev-term-d is not connected',
    });
    first.socket.close(4001, 'offline');

    await waitFor(
      () => expect(stateChip()).toHaveTextContent('reconnecting'),
      TIMEOUT,
    );
    expect(
      screen.getByText(/agent dev-term-d is not connected/),
    ).toBeInTheDocument();
    const second = await peer(1);
    expect(second.session).toBe(first.session);
  });

  it('shows how a session ended and starts a new one on request', async () => {
    await renderTerminal('dev-term-e');
    const first = await peer();
    first.json({ type: 'opened', created: true });
    first.json({ type: 'exit', reason: 'exited', exitCode: 3 });
    first.socket.close(4000, 'ended');

    await waitFor(
      () => expect(stateChip()).toHaveTextContent('ended'),
      TIMEOUT,
    );
    expect(
      screen.getByText(/the shell exited with exit code 3/),
    ).toBeInTheDocument();
    expect(
      window.sessionStorage.getItem('sindri.terminal.sessions.dev-term-e'),
    ).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'New session' }));
    const second = await peer(1);
    expect(second.session).not.toBe(first.session);
    expect(
      JSON.parse(
        window.sessionStorage.getItem('sindri.terminal.sessions.dev-term-e')!,
      ),
    ).toEqual([second.session]);
  });

  it('re-attaches to the stored sessions, adds one with + and ends one with ×', async () => {
    const stored = '0b7f3c1e-2d4a-4e8b-9c6d-5a1f2e3d4c5b';
    window.sessionStorage.setItem(
      'sindri.terminal.sessions.dev-term-f',
      JSON.stringify([stored]),
    );
    await renderTerminal('dev-term-f');
    const first = await peer();
    expect(first.session).toBe(stored);
    first.json({ type: 'opened', created: false });

    fireEvent.click(
      screen.getByRole('button', { name: 'Open another session' }),
    );
    const second = await peer(1);
    expect(second.session).not.toBe(stored);
    await waitFor(() =>
      expect(
        JSON.parse(
          window.sessionStorage.getItem('sindri.terminal.sessions.dev-term-f')!,
        ),
      ).toEqual([stored, second.session]),
    );

    fireEvent.click(screen.getByRole('button', { name: 'End shell 1' }));
    await waitFor(
      () => expect(first.control).toContainEqual({ type: 'close' }),
      TIMEOUT,
    );
    expect(second.control).not.toContainEqual({ type: 'close' });
    expect(
      screen.queryByRole('button', { name: 'End shell 2' }),
    ).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('tablist')).getByText('Shell 1'),
    ).toBeInTheDocument();
  });

  it('says the terminal is not permitted, naming the permission, and does not connect', async () => {
    const { fetch, permissions } = await renderTerminal('dev-term-g', false);

    expect(
      await screen.findByText(
        'You are not permitted to open a terminal on this instance',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('sindri.instance.terminal')).toBeInTheDocument();
    expect(screen.getByText('denied')).toBeInTheDocument();
    expect(permissions.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        resourceRef: 'resource:default/dev-term-g',
        permission: expect.objectContaining({
          name: 'sindri.instance.terminal',
        }),
      }),
    );
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(server.peers).toHaveLength(0);
    expect(fetch).not.toHaveBeenCalledWith(
      expect.stringContaining('/auth/v1/cookie'),
      expect.anything(),
    );
    expect(screen.queryByTestId('sindri-terminal')).not.toBeInTheDocument();
  });
});
