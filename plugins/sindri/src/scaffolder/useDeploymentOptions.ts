import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../api/SindriApi';

/** The create form's options from the backend: drivers, profiles, extensions, region hints. */
export function useDeploymentOptions() {
  const api = useApi(sindriApiRef);
  return useAsync(() => api.getDeploymentOptions(), [api]);
}
