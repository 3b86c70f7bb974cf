import { InfoCard } from '@backstage/core-components';
import { FleetSummary } from '@internal/plugin-sindri-common';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import {
  ComposableMap,
  Geographies,
  Geography,
  Marker,
} from 'react-simple-maps';
import countries from 'world-atlas/countries-110m.json';
import { placeRegions } from './placeRegions';

const radius = (count: number) => 4 + 3 * Math.sqrt(count);

/**
 * Instances by region on a world map (Natural Earth countries from the
 * world-atlas package), each region placed where its provider documents it;
 * regions the location table does not know are listed, not guessed.
 */
export const RegionMap = ({ summary }: { summary: FleetSummary }) => {
  const { placed, unplaced } = placeRegions(summary.byRegion);
  return (
    <InfoCard
      title="Instances on the map"
      subheader={`${summary.sources.byProvider}; places from each provider's region page, coordinates of the place`}
    >
      <div data-testid="sindri-region-map">
        <ComposableMap
          projection="geoEqualEarth"
          projectionConfig={{ scale: 150 }}
          width={800}
          height={380}
          style={{ width: '100%', height: 'auto' }}
        >
          <Geographies geography={countries}>
            {({ geographies }) =>
              geographies.map(geo => (
                <Geography
                  key={geo.rsmKey}
                  geography={geo}
                  fill="#e0e0e0"
                  stroke="#ffffff"
                  strokeWidth={0.5}
                />
              ))
            }
          </Geographies>
          {placed.map(({ location, count, labels }) => (
            <Marker
              key={`${location.providers[0]}:${location.region}`}
              coordinates={[location.longitude, location.latitude]}
            >
              <circle
                r={radius(count)}
                fill={location.kind === 'area' ? '#ff7f0e' : '#1f77b4'}
                fillOpacity={0.75}
                stroke="#fff"
              >
                <title>
                  {`${labels.join(', ')}: ${count} instance${
                    count === 1 ? '' : 's'
                  } — ${location.place}${
                    location.note ? ` (${location.note})` : ''
                  }`}
                </title>
              </circle>
            </Marker>
          ))}
        </ComposableMap>
      </div>
      {placed.length === 0 && unplaced.length === 0 && (
        <Typography color="textSecondary">
          No instance has registered.
        </Typography>
      )}
      {placed.map(({ location, count, labels }) => (
        <Typography
          variant="body2"
          key={`${location.providers[0]}:${location.region}`}
        >
          {labels.join(', ')}: {count} — {location.place}
          {location.kind === 'area' ? ' (an area, drawn at its centre)' : ''} (
          <Link
            href={location.placeSource.split(/[ ;]/)[0]}
            target="_blank"
            rel="noopener"
          >
            provider
          </Link>
          ,{' '}
          <Link
            href={location.coordinatesSource}
            target="_blank"
            rel="noopener"
          >
            coordinates
          </Link>
          )
        </Typography>
      ))}
      {unplaced.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Not on the map (no known location):{' '}
          {unplaced.map(u => `${u.label} (${u.count})`).join(', ')}
        </Typography>
      )}
    </InfoCard>
  );
};
