import semver from 'semver';
import { InstanceSecurity, Registration } from '@internal/plugin-sindri-common';
import {
  compatibleRanges,
  SindriRegistryService,
} from '@internal/plugin-sindri-node';

type Freshness = InstanceSecurity['freshness'][number];

/** "$a,$b" as the matrix writes ranges, as semver reads them. */
const semverRange = (range: string) => range.replace(/,\s*/g, ' ');

/**
 * Each installed extension's version against the registry's, and against the
 * compatibility matrix's range for the instance's Sindri CLI.
 */
export function extensionFreshness(
  installed: Registration['extensions'],
  registry: SindriRegistryService,
  cliVersion?: string,
): Freshness[] {
  const matrix = registry.compatibility();
  const line =
    matrix && cliVersion ? compatibleRanges(matrix, cliVersion) : undefined;
  return installed.map(e => {
    const known = registry.getExtension(e.name);
    // a version that is not semver is not compared: its status stays unknown
    const installedVersion = semver.valid(e.version ?? '');
    const registryVersion = known && semver.valid(known.version);
    let status: Freshness['status'] = 'unknown';
    if (!known) status = 'not-in-registry';
    else if (installedVersion && registryVersion) {
      const order = semver.compare(installedVersion, registryVersion);
      if (order === 0) status = 'current';
      else status = order < 0 ? 'behind' : 'ahead';
    }
    const range = line?.extensions[e.name];
    let compatible: Freshness['compatible'] = 'unknown';
    if (range && installedVersion)
      compatible = semver.satisfies(installedVersion, semverRange(range))
        ? 'yes'
        : 'no';
    return {
      name: e.name,
      ...(e.version ? { installed: e.version } : {}),
      ...(known ? { registry: known.version } : {}),
      status,
      compatible,
      ...(range ? { range } : {}),
    };
  });
}
