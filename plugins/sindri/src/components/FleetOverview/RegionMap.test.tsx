import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { FleetSummary } from '@internal/plugin-sindri-common';
import { RegionMap } from './RegionMap';

const summary = (byRegion: FleetSummary['byRegion']) =>
  ({
    byRegion,
    sources: { byProvider: 'what agents registered' },
  } as unknown as FleetSummary);

describe('RegionMap', () => {
  it('draws the world and one marker per known place, sized by its count; lists the regions it cannot place', async () => {
    await renderInTestApp(
      <RegionMap
        summary={summary([
          { provider: 'fly', region: 'ams', count: 4 },
          { provider: 'fly', region: 'sjc', count: 1 },
          { provider: 'runpod', region: 'EU', count: 2 },
          { provider: 'fly', region: 'xyz', count: 1 },
          { provider: 'e2b', region: null, count: 3 },
        ])}
      />,
    );
    const map = screen.getByTestId('sindri-region-map');
    // Natural Earth's countries at 1:110m
    expect(map.querySelectorAll('path').length).toBeGreaterThan(150);
    const markers = [...map.querySelectorAll('circle')];
    expect(markers.map(m => m.querySelector('title')?.textContent)).toEqual([
      'fly ams: 4 instances — Amsterdam, Netherlands',
      'fly sjc: 1 instance — San Jose, California (US)',
      expect.stringMatching(
        /^runpod EU: 2 instances — Europe .*continent filter/,
      ),
    ]);
    expect(Number(markers[0].getAttribute('r'))).toBeGreaterThan(
      Number(markers[1].getAttribute('r')),
    );
    expect(
      screen.getByText(
        'Not on the map (no known location): fly xyz (1), e2b region not reported (3)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'provider' })[0],
    ).toHaveAttribute('href', 'https://fly.io/docs/reference/regions/');
  });

  it('says when no instance has registered', async () => {
    await renderInTestApp(<RegionMap summary={summary([])} />);
    expect(screen.getByText('No instance has registered.')).toBeInTheDocument();
    expect(
      screen.getByTestId('sindri-region-map').querySelectorAll('circle'),
    ).toHaveLength(0);
  });
});
