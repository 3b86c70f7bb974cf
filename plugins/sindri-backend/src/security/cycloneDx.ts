import type * as CycloneDx from '@cyclonedx/cyclonedx-library';
import type { PackageURL as PackageUrl } from 'packageurl-js';
import { InventoryComponent } from '@internal/plugin-sindri-common';

interface Loaded {
  lib: typeof CycloneDx;
  PackageURL: typeof PackageUrl;
}

/**
 * The CycloneDX library (about 15 MB once loaded), required with the first
 * export rather than with the backend: most replicas never write a BOM.
 */
let loaded: Loaded | undefined;
function load(): Loaded {
  loaded ??= {
    lib: require('@cyclonedx/cyclonedx-library'),
    PackageURL: require('packageurl-js').PackageURL,
  };
  return loaded;
}

function componentOf(
  { lib, PackageURL }: Loaded,
  c: InventoryComponent,
  instances: string[],
) {
  const { Enums, Models } = lib;
  // a purl the library could not read is left out, the component kept
  let purl: string | undefined;
  try {
    purl = PackageURL.fromString(c.purl).toString();
  } catch {
    purl = undefined;
  }
  const component = new Models.Component(Enums.ComponentType.Library, c.name, {
    version: c.version,
    bomRef: c.purl,
    ...(purl ? { purl } : {}),
  });
  component.properties.add(new Models.Property('sindri:source', c.source));
  if (c.extension)
    component.properties.add(
      new Models.Property('sindri:extension', c.extension),
    );
  for (const name of instances)
    component.properties.add(new Models.Property('sindri:instance', name));
  return component;
}

/**
 * A CycloneDX JSON document of installed components: one instance's (the
 * instance as the BOM's subject), or the fleet's (each component once, with
 * the instances that have it as properties).
 */
export function cycloneDxBom(options: {
  subject: string;
  collectedAt?: string;
  components: Array<{ component: InventoryComponent; instances: string[] }>;
  portalVersion: string;
}): string {
  const library = load();
  const { Enums, Models, Serialize, Spec } = library.lib;
  const bom = new Models.Bom();
  bom.metadata.timestamp = options.collectedAt
    ? new Date(options.collectedAt)
    : new Date();
  bom.metadata.component = new Models.Component(
    Enums.ComponentType.Platform,
    options.subject,
    { bomRef: `sindri:${options.subject}` },
  );
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, 'sindri-portal', {
      version: options.portalVersion,
    }),
  );
  const seen = new Set<string>();
  for (const { component, instances } of options.components) {
    if (seen.has(component.purl)) continue;
    seen.add(component.purl);
    bom.components.add(componentOf(library, component, instances));
  }
  return new Serialize.JsonSerializer(
    new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6),
  ).serialize(bom, { sortLists: true });
}
