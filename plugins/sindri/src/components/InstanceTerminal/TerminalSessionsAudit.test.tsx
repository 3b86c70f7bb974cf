import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TerminalSessionRecord } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi, permissionApi } from '../../__testUtils__/fixtures';
import { TerminalSessionsAudit } from './TerminalSessionsAudit';

jest.setTimeout(60_000);

// usePermission caches decisions by resource across tests: each test has an instance of its own
const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
  spec: { type: 'sindri-instance', owner: 'group:default/platform' },
});

const session: TerminalSessionRecord = {
  id: '8c5d1e9a-0000-4000-8000-000000000001',
  instance: 'dev-1',
  sessionId: 'session-1',
  openedBy: 'user:default/alice',
  startedAt: new Date(Date.now() - 60_000).toISOString(),
  endedAt: new Date().toISOString(),
  bytesIn: 12,
  bytesOut: 400,
  exitCode: 0,
  endReason: 'exited',
  inputRecorded: true,
};

async function render(auditor: boolean, name: string) {
  const api = mockSindriApi({
    listTerminalSessions: jest.fn().mockResolvedValue([session]),
    getTerminalSessionInput: jest.fn().mockResolvedValue({
      id: session.id,
      sensitive: true,
      input: 'sudo -i\rhunter2\r',
      truncated: false,
    }),
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sindriApiRef, api],
        [
          permissionApiRef,
          permissionApi({ 'sindri.instance.audit.read': auditor }),
        ],
      ]}
    >
      <EntityProvider entity={entity(name)}>
        <TerminalSessionsAudit instance={name} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('TerminalSessionsAudit', () => {
  it('says a reader without audit read sees only their own sessions, and never offers the keystrokes', async () => {
    const api = await render(false, 'dev-reader');
    expect(
      await screen.findByText(/Only your own sessions/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/that does not mean there are none/),
    ).toBeInTheDocument();
    expect(await screen.findByText('recorded (sensitive)')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Show \(sensitive\)/ }),
    ).not.toBeInTheDocument();
    expect(api.getTerminalSessionInput).not.toHaveBeenCalled();
  });

  it('shows an audit reader the recorded keystrokes behind a sensitive warning', async () => {
    const api = await render(true, 'dev-auditor');
    await userEvent.click(
      await screen.findByRole('button', { name: /Show \(sensitive\)/ }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Recorded keystrokes (sensitive)'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/passwords and secrets typed at a prompt/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(dialog).getByText(/hunter2/)).toBeInTheDocument(),
    );
    expect(api.getTerminalSessionInput).toHaveBeenCalledWith(
      'dev-auditor',
      session.id,
    );
    expect(
      screen.queryByText(/Only your own sessions/),
    ).not.toBeInTheDocument();
  });
});
