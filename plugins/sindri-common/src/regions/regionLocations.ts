import { InstanceProvider } from '../constants';

/** Where a provider region is, and who says so. */
export interface RegionLocation {
  /** the providers an instance reports with this region (DevPod's clouds report `devpod`) */
  providers: InstanceProvider[];
  region: string;
  /** the place as the provider names it */
  place: string;
  /** the provider's own page naming the place */
  placeSource: string;
  latitude: number;
  longitude: number;
  /** where the coordinates of the place come from */
  coordinatesSource: string;
  /** `point`: a city or metro; `area`: a country or continent filter, drawn at its centre */
  kind: 'point' | 'area';
  /** what is uncertain about it */
  note?: string;
}

const FLY = 'https://fly.io/docs/reference/regions/';
const RUNPOD =
  'https://docs.runpod.io/pods/networking (datacenter locations); https://docs.runpod.io/runpodctl/reference/runpodctl-pod (--country-code)';
const NORTHFLANK =
  'https://northflank.com/docs/v1/application/run/deploy-to-a-region; cloud regions per Northflank region: https://github.com/northflank/skills (references/plans.md)';
const wiki = (article: string) => `https://en.wikipedia.org/wiki/${article}`;

/**
 * Every provider region Sindri's schema names (`sindri.schema.json`:
 * `deployment.providers.<provider>.region`, its examples and defaults), with
 * the place the provider documents and the coordinates of that place. Read
 * from the pages named on 2026-12-01. A region not listed here is shown as
 * "not on the map", never guessed.
 */
export const REGION_LOCATIONS: RegionLocation[] = [
  {
    providers: ['fly'],
    region: 'sjc',
    place: 'San Jose, California (US)',
    placeSource: FLY,
    latitude: 37.34,
    longitude: -121.89,
    coordinatesSource: wiki('San_Jose,_California'),
    kind: 'point',
  },
  {
    providers: ['fly'],
    region: 'ord',
    place: 'Chicago, Illinois (US)',
    placeSource: FLY,
    latitude: 41.88,
    longitude: -87.63,
    coordinatesSource: wiki('Chicago'),
    kind: 'point',
  },
  {
    providers: ['fly'],
    region: 'iad',
    place: 'Ashburn, Virginia (US)',
    placeSource: FLY,
    latitude: 39.04,
    longitude: -77.49,
    coordinatesSource: wiki('Ashburn,_Virginia'),
    kind: 'point',
  },
  {
    providers: ['fly'],
    region: 'ams',
    place: 'Amsterdam, Netherlands',
    placeSource: FLY,
    latitude: 52.37,
    longitude: 4.9,
    coordinatesSource: wiki('Amsterdam'),
    kind: 'point',
  },
  {
    providers: ['devpod'],
    region: 'us-west-2',
    place: 'US West (Oregon)',
    placeSource:
      'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html',
    latitude: 43.97,
    longitude: -120.56,
    coordinatesSource: wiki('List_of_geographic_centers_of_the_United_States'),
    kind: 'area',
    note: 'AWS names the state, not a city: drawn at the centre of Oregon',
  },
  {
    providers: ['devpod'],
    region: 'eastus',
    place: 'East US (Virginia)',
    placeSource:
      'https://learn.microsoft.com/en-us/azure/reliability/regions-list',
    latitude: 37.49,
    longitude: -78.56,
    coordinatesSource: wiki('List_of_geographic_centers_of_the_United_States'),
    kind: 'area',
    note: 'Azure names the state, not a city: drawn at the centre of Virginia',
  },
  {
    providers: ['devpod'],
    region: 'nyc3',
    place: 'New York City, United States',
    placeSource:
      'https://docs.digitalocean.com/platform/regional-availability/',
    latitude: 40.71,
    longitude: -74.01,
    coordinatesSource: wiki('New_York_City'),
    kind: 'point',
  },
  {
    providers: ['northflank'],
    region: 'europe-west',
    place: 'Europe West (Google Cloud europe-west2, London)',
    placeSource: NORTHFLANK,
    latitude: 51.51,
    longitude: -0.13,
    coordinatesSource: wiki('London'),
    kind: 'point',
  },
  {
    providers: ['northflank'],
    region: 'asia-northeast',
    place: 'Asia Northeast (Google Cloud asia-northeast1, Tokyo)',
    placeSource: NORTHFLANK,
    latitude: 35.69,
    longitude: 139.69,
    coordinatesSource: wiki('Tokyo'),
    kind: 'point',
  },
  {
    providers: ['northflank'],
    region: 'us-east',
    place: 'US East (Google Cloud us-east4, Ashburn, Virginia)',
    placeSource: NORTHFLANK,
    latitude: 39.04,
    longitude: -77.49,
    coordinatesSource: wiki('Ashburn,_Virginia'),
    kind: 'point',
    note: "Northflank's region list has no `us-east` today; drawn where its `us-east1` is",
  },
  {
    providers: ['runpod'],
    region: 'US',
    place: 'United States (datacenters in several states)',
    placeSource: RUNPOD,
    latitude: 39.83,
    longitude: -98.58,
    coordinatesSource: wiki('List_of_geographic_centers_of_the_United_States'),
    kind: 'area',
    note: 'a country filter, not a datacenter: drawn at the centre of the contiguous US',
  },
  {
    providers: ['runpod'],
    region: 'EU',
    place: 'Europe (datacenters in several countries)',
    placeSource: RUNPOD,
    latitude: 49.84,
    longitude: 9.9,
    coordinatesSource: wiki('Gadheim'),
    kind: 'area',
    note: "a continent filter, not a datacenter: drawn at the EU's geographic midpoint",
  },
  {
    providers: ['runpod'],
    region: 'CA',
    place: 'Canada (datacenters CA-MTL-1 to 3)',
    placeSource: RUNPOD,
    latitude: 45.5,
    longitude: -73.57,
    coordinatesSource: wiki('Montreal'),
    kind: 'area',
    note: 'a country filter: drawn at Montreal, which its datacenter names suggest',
  },
];

/** The location of a provider's region, if the table has it (region codes compare case-insensitively). */
export function findRegionLocation(
  provider: string | null | undefined,
  region: string | null | undefined,
): RegionLocation | undefined {
  if (!provider || !region) return undefined;
  const code = region.toLowerCase();
  return REGION_LOCATIONS.find(
    l =>
      (l.providers as string[]).includes(provider) &&
      l.region.toLowerCase() === code,
  );
}
