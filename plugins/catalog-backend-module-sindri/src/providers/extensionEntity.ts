import { ComponentEntity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  SINDRI_EXTENSION_COMPONENT_TYPE,
  SindriExtension,
} from '@internal/plugin-sindri-common';

/** Catalog namespace of extension entities, so their names stay the extensions' own. */
export const EXTENSION_NAMESPACE = 'sindri';

export const extensionEntityRef = (name: string) =>
  stringifyEntityRef({
    kind: 'Component',
    namespace: EXTENSION_NAMESPACE,
    name,
  });

/** The bill of materials as one line: `name@version (license), ...`. */
export function bomSummary(ext: SindriExtension): string {
  return ext.bom
    .map(
      tool =>
        `${tool.name}${tool.version ? `@${tool.version}` : ''}${
          tool.license ? ` (${tool.license})` : ''
        }`,
    )
    .join(', ');
}

/**
 * The catalog entity of one Sindri extension: a Component of type
 * `sindri-extension` in the `sindri` namespace, depending on the components
 * of the extensions it needs.
 */
export function extensionToEntity(
  ext: SindriExtension,
  options: { owner: string; location: string },
): ComponentEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: ext.name,
      namespace: EXTENSION_NAMESPACE,
      title: ext.name,
      description: ext.description,
      tags: ext.custom ? [ext.category, 'custom'] : [ext.category],
      labels: {
        'sindri.io/category': ext.category,
        // an organisation's own extension, not the registry's
        ...(ext.custom ? { 'sindri.io/source': 'custom' } : {}),
      },
      annotations: {
        'backstage.io/managed-by-location': options.location,
        'backstage.io/managed-by-origin-location': options.location,
        'sindri.io/extension-version': ext.version,
        'sindri.io/install-method': ext.installMethod,
        ...(ext.bom.length ? { 'sindri.io/bom': bomSummary(ext) } : {}),
      },
    },
    spec: {
      type: SINDRI_EXTENSION_COMPONENT_TYPE,
      lifecycle: 'production',
      owner: options.owner,
      dependsOn: ext.dependencies.map(extensionEntityRef),
    },
  };
}
