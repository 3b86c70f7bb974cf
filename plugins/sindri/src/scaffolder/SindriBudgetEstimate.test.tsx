import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { BudgetEstimate } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../api/SindriApi';
import { mockSindriApi } from '../__testUtils__/fixtures';
import {
  estimateRequestOf,
  SindriBudgetEstimate,
} from './SindriBudgetEstimate';

const over: BudgetEstimate = {
  owner: 'group:default/team-a',
  perHour: 0.2,
  projected: 140,
  hoursLeft: 700,
  missing: [],
  verdict: 'over',
  enforcement: 'block',
  budget: {
    group: 'group:default/team-a',
    monthlyUsd: 100,
    enforcement: 'block',
    month: '2026-12',
    spent: 40,
    projected: 60,
    remaining: 60,
    percentSpent: 40,
    instances: 1,
    missing: [],
    source: { kind: 'list-price-estimate', description: 'list prices' },
    updatedBy: 'user:default/admin',
    updatedAt: '2026-12-01T00:00:00.000Z',
  },
};

describe('estimateRequestOf', () => {
  it('reads a pasted sindri.yaml, a clone source, or the form resources', () => {
    expect(estimateRequestOf({})).toBeUndefined();
    expect(
      estimateRequestOf({ owner: 'group:default/a', sindriYaml: 'name: x' }),
    ).toEqual({ owner: 'group:default/a', sindriYaml: 'name: x' });
    expect(
      estimateRequestOf({
        owner: 'group:default/a',
        source: 'resource:default/dev-1',
        provider: 'fly',
      }),
    ).toEqual({
      owner: 'group:default/a',
      cloneFrom: 'dev-1',
      provider: 'fly',
    });
    expect(
      estimateRequestOf({
        owner: 'group:default/a',
        provider: 'fly',
        region: 'ams',
        cpus: 2,
        memory: '4GB',
      }),
    ).toEqual({
      owner: 'group:default/a',
      config: {
        deployment: { provider: 'fly', resources: { cpus: 2, memory: '4GB' } },
        providers: { fly: { region: 'ams' } },
      },
    });
  });
});

describe('SindriBudgetEstimate', () => {
  it("tells the instance's cost to the month's end and that a blocking budget will refuse it, with the user's groups", async () => {
    const api = mockSindriApi();
    (api.budgets.estimate as jest.Mock).mockResolvedValue(over);
    (api.budgets.list as jest.Mock).mockResolvedValue({
      currency: 'USD',
      items: [over.budget],
      myGroups: ['group:default/team-a', 'group:default/team-b'],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[sindriApiRef, api]]}>
        <SindriBudgetEstimate
          {...({
            schema: { title: 'Cost and budget' },
            uiSchema: {},
            formContext: {
              formData: { owner: 'group:default/team-a', cpus: 4 },
            },
          } as any)}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/This instance: \$0\.20\/h while it runs/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /\$60\.00 left of its \$100\.00 budget for 2026-12 .* the create will be refused/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /group:default\/team-a \$60\.00 left of \$100\.00; group:default\/team-b no budget/,
      ),
    ).toBeInTheDocument();
    expect(api.budgets.estimate).toHaveBeenCalledWith({
      owner: 'group:default/team-a',
      config: { deployment: { provider: 'docker', resources: { cpus: 4 } } },
    });
  });
});
