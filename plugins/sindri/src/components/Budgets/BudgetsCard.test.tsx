import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { BudgetStatus } from '@internal/plugin-sindri-common';
import { SWRConfig } from 'swr';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi, permissionApi } from '../../__testUtils__/fixtures';
import { BudgetsCard } from './BudgetsCard';

const teamA: BudgetStatus = {
  group: 'group:default/team-a',
  monthlyUsd: 100,
  enforcement: 'block',
  month: '2026-12',
  spent: 112.5,
  projected: 300,
  remaining: -12.5,
  percentSpent: 112.5,
  instances: 3,
  missing: ['dev-gpu: runpod cpu: no rate'],
  source: {
    kind: 'list-price-estimate',
    description: 'list prices × hours; not a bill',
  },
  updatedBy: 'user:default/admin',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

async function render(
  api: ReturnType<typeof mockSindriApi>,
  allowed: Record<string, boolean>,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sindriApiRef, api],
        [permissionApiRef, permissionApi(allowed)],
      ]}
    >
      <SWRConfig value={{ provider: () => new Map() }}>
        <BudgetsCard />
      </SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('BudgetsCard', () => {
  it("shows a member their groups' budgets, over ones as over, and names groups without one", async () => {
    const api = mockSindriApi();
    (api.budgets.list as jest.Mock).mockResolvedValue({
      currency: 'USD',
      items: [teamA],
      myGroups: ['group:default/team-a', 'group:default/team-b'],
    });
    await render(api, {});
    expect(await screen.findByText('over by $12.50')).toBeInTheDocument();
    expect(screen.getByText('$112.50 (113 %)')).toBeInTheDocument();
    expect(
      screen.getByText('Block a create, clone or resume over it'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('dev-gpu: runpod cpu: no rate'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No budget is set for group:default/team-b.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Change')).not.toBeInTheDocument();
  });

  it('never reads as "no budgets" for a member whose groups have none: it names them', async () => {
    const api = mockSindriApi();
    (api.budgets.list as jest.Mock).mockResolvedValue({
      currency: 'USD',
      items: [],
      myGroups: ['group:default/team-b'],
    });
    await render(api, {});
    expect(
      await screen.findByText(
        'No budget is set for your groups (group:default/team-b).',
      ),
    ).toBeInTheDocument();
  });

  it('lets a budget manager change a budget, and shows the backend refusing a bad one', async () => {
    const api = mockSindriApi();
    (api.budgets.list as jest.Mock).mockResolvedValue({
      currency: 'USD',
      items: [teamA],
      myGroups: [],
    });
    (api.budgets.set as jest.Mock)
      .mockRejectedValueOnce(new Error('body.monthlyUsd: Too small'))
      .mockResolvedValueOnce(teamA);
    await render(api, { 'sindri.budget.manage': true });
    fireEvent.click(await screen.findByText('Change'));
    fireEvent.change(screen.getByLabelText('Monthly budget (USD)'), {
      target: { value: '-1' },
    });
    fireEvent.click(screen.getByText('Save'));
    expect(
      await screen.findByText('body.monthlyUsd: Too small'),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Monthly budget (USD)'), {
      target: { value: '250' },
    });
    fireEvent.click(screen.getByText('Save'));
    await waitFor(() =>
      expect(api.budgets.set).toHaveBeenLastCalledWith('group:default/team-a', {
        monthlyUsd: 250,
        enforcement: 'block',
      }),
    );
  });
});
