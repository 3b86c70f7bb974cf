import {
  findRegionLocation,
  FleetSummary,
  RegionLocation,
} from '@internal/plugin-sindri-common';

/** Instances at one place on the map. */
export interface PlacedRegion {
  location: RegionLocation;
  count: number;
  /** the provider/region pairs counted here */
  labels: string[];
}

/** The summary's regions: those the location table places, and those it does not (never guessed). */
export function placeRegions(byRegion: FleetSummary['byRegion']): {
  placed: PlacedRegion[];
  unplaced: Array<{ label: string; count: number }>;
} {
  const placed = new Map<RegionLocation, PlacedRegion>();
  const unplaced: Array<{ label: string; count: number }> = [];
  for (const r of byRegion) {
    const label = `${r.provider ?? 'provider not reported'} ${
      r.region ?? 'region not reported'
    }`;
    const location = findRegionLocation(r.provider, r.region);
    if (!location) {
      unplaced.push({ label, count: r.count });
      continue;
    }
    const at = placed.get(location) ?? { location, count: 0, labels: [] };
    at.count += r.count;
    at.labels.push(label);
    placed.set(location, at);
  }
  return { placed: [...placed.values()], unplaced };
}
