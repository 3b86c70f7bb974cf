import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { FleetExtensionUsage } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi } from '../../__testUtils__/fixtures';
import { ExtensionUsageMatrix } from './ExtensionUsageMatrix';
import { usageCsv } from './usageCsv';

/** A thousand instances: every third has nodejs, every fifth failed python; two owners, two providers. */
const fleet: FleetExtensionUsage = {
  source: 'test agents',
  instances: Array.from({ length: 1000 }, (_, i) => ({
    name: `dev-${String(i).padStart(4, '0')}`,
    owner: i % 2 ? 'group:default/platform' : 'group:default/data',
    provider: i % 4 < 2 ? 'fly' : 'docker',
    installed: i % 3 === 0 ? ['nodejs', 'mise-config'] : [],
    failed: i % 5 === 0 ? ['python'] : [],
  })),
};

const renderMatrix = (usage = fleet) => {
  const api = mockSindriApi();
  (api.extensions.usage as jest.Mock).mockResolvedValue(usage);
  return renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <ExtensionUsageMatrix />
    </TestApiProvider>,
  );
};

const cell = (instance: string, extension: string) =>
  screen.getByTestId(`usage-${instance}-${extension}`);

describe('ExtensionUsageMatrix', () => {
  it('draws only the cells in view of a thousand instances, each saying what its agent reports', async () => {
    await renderMatrix();
    expect(
      await screen.findByText(/1000 of 1000 instances × 6 extensions/),
    ).toBeInTheDocument();
    expect(cell('dev-0000', 'nodejs')).toHaveAttribute(
      'data-state',
      'installed',
    );
    expect(cell('dev-0000', 'python')).toHaveAttribute('data-state', 'failed');
    expect(cell('dev-0001', 'nodejs')).toHaveAttribute('data-state', '');
    const drawn = document.querySelectorAll('[data-testid^=usage-]').length;
    expect(drawn).toBeGreaterThan(6 * 10);
    expect(drawn).toBeLessThan(6 * 60);
    expect(screen.queryByTestId('usage-dev-0999-nodejs')).toBeNull();
  });

  it('marks an instance whose ledger cannot be read as unknown, not as having nothing, and names reported extensions it has no column for', async () => {
    await renderMatrix({
      source: 'test agents',
      instances: [
        {
          name: 'dev-blind',
          owner: 'group:default/platform',
          installed: [],
          failed: [],
          ledgerUnknown: 'unreadable',
        },
        {
          name: 'dev-own',
          owner: 'group:default/platform',
          installed: ['nodejs', 'acme-internal'],
          failed: [],
        },
      ],
    });
    expect(
      await screen.findByText('dev-blind (ledger unknown)'),
    ).toBeInTheDocument();
    expect(cell('dev-blind', 'nodejs')).toHaveAttribute(
      'data-state',
      'unknown',
    );
    expect(cell('dev-own', 'python')).toHaveAttribute('data-state', '');
    expect(
      screen.getByText(
        /outside the registry and the custom extensions \(no column\): acme-internal/,
      ),
    ).toBeInTheDocument();
  });

  it('filters by owner, provider and category', async () => {
    await renderMatrix();
    await screen.findByText(/1000 of 1000 instances/);
    const choose = (label: string, option: string) => {
      fireEvent.mouseDown(screen.getByLabelText(label));
      fireEvent.click(within(screen.getByRole('listbox')).getByText(option));
    };
    choose('Owner', 'group:default/platform');
    expect(screen.getByText(/500 of 1000 instances × 6/)).toBeInTheDocument();
    choose('Provider', 'docker');
    expect(screen.getByText(/250 of 1000 instances × 6/)).toBeInTheDocument();
    expect(screen.queryByTestId(/^usage-dev-0000-/)).toBeNull();
    expect(cell('dev-0003', 'nodejs')).toHaveAttribute(
      'data-state',
      'installed',
    );
    choose('Category', 'languages');
    expect(
      screen.getByText(/250 of 1000 instances × 2 extensions/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('usage-dev-0003-mise-config')).toBeNull();
  });

  it('says when no readable instance has registered, rather than drawing an empty matrix', async () => {
    await renderMatrix({ source: 'test agents', instances: [] });
    expect(
      await screen.findByText(/No instance you may read has registered/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it('exports the rows and columns in view as CSV, quoting what needs it', () => {
    expect(
      usageCsv(
        [
          {
            name: 'dev-1',
            owner: 'group:default/a,b',
            provider: 'fly',
            installed: ['nodejs'],
            failed: ['python'],
          },
          { name: 'dev-2', owner: 'user:default/x', installed: [], failed: [] },
          {
            name: 'dev-3',
            owner: 'user:default/x',
            installed: [],
            failed: [],
            ledgerUnknown: 'missing',
          },
        ],
        ['nodejs', 'python', 'rust'],
      ),
    ).toBe(
      'instance,owner,provider,nodejs,python,rust\n' +
        'dev-1,"group:default/a,b",fly,installed,failed,\n' +
        'dev-2,user:default/x,,,,\n' +
        'dev-3,user:default/x,,unknown,unknown,unknown\n',
    );
  });
});
