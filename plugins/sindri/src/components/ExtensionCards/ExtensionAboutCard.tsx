import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { SindriRequestError } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';

const orUnknown = (value: number | undefined, unit: string) =>
  value === undefined ? 'not stated' : `${value} ${unit}`;

/** On an extension's page: what it is, what it needs to install, what it packages, and the instances that have it. */
export const ExtensionAboutCard = () => {
  const { entity } = useEntity();
  const api = useApi(sindriApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const {
    value: ext,
    loading,
    error,
  } = useAsync(
    () => api.extensions.get(entity.metadata.name),
    [api, entity.metadata.name],
  );
  if (loading) return <Progress />;
  if (error instanceof SindriRequestError && error.statusCode === 404)
    return (
      <InfoCard title="Extension">
        <Typography variant="body2" color="textSecondary">
          {entity.metadata.name} is not in the registry this portal reads.
        </Typography>
      </InfoCard>
    );
  if (error) return <ResponseErrorPanel error={error} />;
  const e = ext!;
  const instanceLink = (name: string) => (
    <Link to={entityRoute({ kind: 'resource', namespace: 'default', name })}>
      {name}
    </Link>
  );
  const installed = e.instances.filter(i => i.state === 'installed');
  const failed = e.instances.filter(i => i.state === 'failed');
  return (
    <InfoCard
      title="Extension"
      subheader={`${e.name} ${e.version}, from its extension.yaml`}
    >
      <Typography variant="body2" paragraph>
        {e.category} · installed with {e.installMethod}
      </Typography>
      <Typography variant="subtitle2">Install needs</Typography>
      <Typography variant="body2" paragraph>
        Disk {orUnknown(e.requirements.diskSpaceMb, 'MB')}, memory{' '}
        {orUnknown(e.requirements.memoryMb, 'MB')}, about{' '}
        {orUnknown(e.requirements.installTimeSeconds, 's')} to install; reaches{' '}
        {e.requirements.domains.length
          ? e.requirements.domains.join(', ')
          : 'no domains named'}
      </Typography>
      <Typography variant="subtitle2">What it packages</Typography>
      {e.bom.length ? (
        <Table size="small" aria-label="Bill of materials">
          <TableHead>
            <TableRow>
              <TableCell>Software</TableCell>
              <TableCell>Version</TableCell>
              <TableCell>Source</TableCell>
              <TableCell>License</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {e.bom.map(tool => (
              <TableRow key={`${tool.name}@${tool.version ?? ''}`}>
                <TableCell>{tool.name}</TableCell>
                <TableCell>{tool.version ?? '—'}</TableCell>
                <TableCell>{tool.source ?? '—'}</TableCell>
                <TableCell>{tool.license ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2" color="textSecondary" paragraph>
          Its extension.yaml lists no bill of materials.
        </Typography>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2">
          Instances with it ({installed.length})
        </Typography>
        <Typography
          variant="body2"
          component="div"
          data-testid="extension-instances"
        >
          {installed.length
            ? installed.map((i, n) => (
                <span key={i.name}>
                  {n ? ', ' : ''}
                  {instanceLink(i.name)}
                </span>
              ))
            : 'No instance you may read reports it installed.'}
        </Typography>
        {failed.map(i => (
          <Typography key={i.name} variant="body2" color="error">
            Failed on {instanceLink(i.name)}
            {i.error ? `: ${i.error}` : ''}
          </Typography>
        ))}
        <Typography variant="caption" color="textSecondary">
          From {e.usageSource}.
        </Typography>
      </Box>
    </InfoCard>
  );
};
