import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  DependencyGraph,
  RegistryExtension,
} from '@internal/plugin-sindri-common';

const list = (names: Iterable<string>) =>
  [...names].sort().join(', ') || 'none';

/** What the selected extension is, what it needs and what needs it. */
export const ExtensionDetails = ({
  extension,
  graph,
  entityHref,
  usageSource,
}: {
  extension: RegistryExtension;
  /** where the use and install times come from */
  usageSource: string;
  graph: DependencyGraph;
  entityHref: string;
}) => {
  const needs = graph.dependenciesOf([extension.name]);
  const neededBy = graph.dependantsOf([extension.name]);
  const { requirements: r } = extension;
  return (
    <Box data-testid="extension-details">
      <Typography variant="h6">
        <Link to={entityHref}>{extension.name}</Link> {extension.version}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {extension.category} · installed with {extension.installMethod}
      </Typography>
      <Typography variant="body2" paragraph>
        {extension.description}
      </Typography>
      <Typography variant="body2">
        <b>Needs</b> ({needs.size}): {list(needs)}
      </Typography>
      <Typography variant="body2" paragraph>
        <b>Needed by</b> ({neededBy.size}): {list(neededBy)}
      </Typography>
      <Typography variant="body2">
        <b>Used by</b> {extension.usedBy} instance
        {extension.usedBy === 1 ? '' : 's'} you may read
        {extension.failedOn
          ? `; failed to install on ${extension.failedOn}`
          : ''}{' '}
        (from {usageSource})
      </Typography>
      <Typography variant="body2">
        {extension.installTime
          ? `Installs took ${extension.installTime.meanSeconds} s on average, ${
              extension.installTime.p95Seconds
            } s at p95, on ${extension.installTime.samples} instance${
              extension.installTime.samples === 1 ? '' : 's'
            } (Sindri's ledger)`
          : 'No instance you may read has reported how long its install took'}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Its extension.yaml says: {r.diskSpaceMb ?? '?'} MB disk,{' '}
        {r.memoryMb ?? '?'} MB memory; about {r.installTimeSeconds ?? '?'} s to
        install
        {r.domains.length ? `; reaches ${r.domains.join(', ')}` : ''}
      </Typography>
    </Box>
  );
};
