import { useMemo } from 'react';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';
import { categoryColours } from '../ExtensionGraph/categoryColours';

/** Extension entities live in the `sindri` namespace, named as the extensions are. */
const EXTENSION_NAMESPACE = 'sindri';

/** The registry from the backend, its category colours, and each extension's entity page. */
export function useExtensionRegistry() {
  const api = useApi(sindriApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useAsync(
    () => api.extensions.list(),
    [api],
  );
  const colours = useMemo(
    () => categoryColours((value?.extensions ?? []).map(e => e.category)),
    [value],
  );
  const entityHref = (name: string) =>
    entityRoute({ kind: 'component', namespace: EXTENSION_NAMESPACE, name });
  return { registry: value, loading, error, colours, entityHref };
}
