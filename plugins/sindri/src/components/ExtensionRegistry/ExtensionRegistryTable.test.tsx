import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi } from '../../__testUtils__/fixtures';
import { ExtensionRegistryTable } from './ExtensionRegistryTable';

const renderTable = (api = mockSindriApi()) =>
  renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <ExtensionRegistryTable />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('ExtensionRegistryTable', () => {
  it('lists each extension by category with what it packages, its use, install times, needs and dependants', async () => {
    await renderTable();
    const row = (
      await screen.findByRole('link', { name: 'agent-browser' })
    ).closest('tr')!;
    expect(within(row).getByText('ai-agents')).toBeInTheDocument();
    expect(within(row).getByText('95 s (p95 130 s, 2)')).toBeInTheDocument();
    expect(
      within(row).getByText('mise-config, nodejs, playwright'),
    ).toBeInTheDocument();
    const nodejs = screen.getByRole('link', { name: 'nodejs' }).closest('tr')!;
    expect(
      within(nodejs).getByText('agent-browser, playwright'),
    ).toBeInTheDocument();
    expect(within(nodejs).getByText('not reported')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'docker' })).toHaveAttribute(
      'href',
      '/catalog/sindri/component/docker',
    );
  });

  it('finds extensions by the search box', async () => {
    await renderTable();
    await screen.findByRole('link', { name: 'agent-browser' });
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'playwright' },
    });
    expect(
      await screen.findByRole('link', { name: 'playwright' }),
    ).toBeInTheDocument();
    // the table's search waits for typing to pause
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'docker' })).toBeNull(),
    );
  });

  it("opens a row on the instances that have it, with Sindri's reason where it failed", async () => {
    const api = mockSindriApi();
    (api.extensions.get as jest.Mock).mockResolvedValue({
      ...(await api.extensions.list()).extensions[4],
      usageSource: 'the agents',
      instances: [
        { name: 'dev-alice', state: 'installed' },
        { name: 'dev-bob', state: 'failed', error: 'exit status 1' },
      ],
    });
    await renderTable(api);
    const python = (
      await screen.findByRole('link', { name: 'python' })
    ).closest('tr')!;
    fireEvent.click(within(python).getAllByRole('button')[0]);
    const panel = await screen.findByTestId('extension-instances-python');
    expect(api.extensions.get).toHaveBeenCalledWith('python');
    expect(
      within(panel).getByRole('link', { name: 'dev-alice' }),
    ).toHaveAttribute('href', '/catalog/default/resource/dev-alice');
    expect(panel).toHaveTextContent('dev-bob: failed (exit status 1)');
  });
});
