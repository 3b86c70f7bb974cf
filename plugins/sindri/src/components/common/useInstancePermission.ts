import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { sindriInstanceReadPermission } from '@internal/plugin-sindri-common';

/** Whether the signed-in user holds a sindri-instance permission on the current entity. */
export function useInstancePermission(
  permission: typeof sindriInstanceReadPermission,
) {
  const { entity } = useEntity();
  return usePermission({ permission, resourceRef: stringifyEntityRef(entity) });
}
