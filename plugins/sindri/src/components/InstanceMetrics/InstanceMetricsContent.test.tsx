import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi, sample } from '../../__testUtils__/fixtures';
import { InstanceMetricsContent } from './InstanceMetricsContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'dev-alice' },
  spec: { type: 'sindri-instance' },
};

const series = (items: any[], range = '1h') => ({
  range,
  resolution: 'raw',
  from: '',
  to: '',
  items,
});

const renderTab = (api: ReturnType<typeof mockSindriApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <EntityProvider entity={entity}>
        <InstanceMetricsContent />
      </EntityProvider>
    </TestApiProvider>,
  );

describe('InstanceMetricsContent', () => {
  it('shows the top processes of the newest sample and switches the range', async () => {
    const api = mockSindriApi({
      getMetrics: jest
        .fn()
        .mockResolvedValue(
          series([
            sample('2026-11-23T10:00:00Z'),
            sample('2026-11-23T10:00:30Z'),
          ]),
        ),
    });
    await renderTab(api);

    expect(
      await screen.findByText('Top by CPU (123 processes)'),
    ).toBeInTheDocument();
    expect(screen.getByText('node')).toBeInTheDocument();
    expect(screen.getByText('900 MiB')).toBeInTheDocument();
    expect(
      screen.getByText('2 samples at full resolution'),
    ).toBeInTheDocument();
    expect(api.getMetrics).toHaveBeenLastCalledWith('dev-alice', '1h');

    fireEvent.click(screen.getByRole('button', { name: '24h' }));
    await waitFor(() =>
      expect(api.getMetrics).toHaveBeenLastCalledWith('dev-alice', '24h'),
    );
  });

  it('says which metrics have no samples rather than drawing zeros', async () => {
    await renderTab(
      mockSindriApi({ getMetrics: jest.fn().mockResolvedValue(series([])) }),
    );

    expect(
      await screen.findByText('No cpu samples in this range.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No network samples in this range.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Process data not reported.')).toBeInTheDocument();
  });
});
