import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';

/** The readable instances that report an extension installed, or its install failed (with Sindri's reason). */
export const ExtensionInstances = ({ name }: { name: string }) => {
  const api = useApi(sindriApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useAsync(
    () => api.extensions.get(name),
    [api, name],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const link = (instance: string) => (
    <Link
      to={entityRoute({
        kind: 'resource',
        namespace: 'default',
        name: instance,
      })}
    >
      {instance}
    </Link>
  );
  return (
    <Box px={4} py={1} data-testid={`extension-instances-${name}`}>
      {value!.instances.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No instance you may read reports {name} installed or failed.
        </Typography>
      )}
      {value!.instances.map(i => (
        <Typography key={i.name} variant="body2">
          {link(i.name)}: {i.state}
          {i.error ? ` (${i.error})` : ''}
        </Typography>
      ))}
    </Box>
  );
};
