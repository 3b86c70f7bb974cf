import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';
import { AccessCard } from './AccessCard';
import { AdvisoriesTable } from './AdvisoriesTable';
import { AdvisorySyncStatus } from './AdvisorySyncStatus';
import { ComponentsTable } from './ComponentsTable';
import { downloadText } from './downloadText';
import { FreshnessTable } from './FreshnessTable';

/** The Security tab: what the instance has installed, what matches advisories, what it exposes. */
export const InstanceSecurityContent = () => {
  const { entity } = useEntity();
  const name = entity.metadata.name;
  const api = useApi(sindriApiRef);
  const [exportError, setExportError] = useState<string>();
  const { value, loading, error } = useAsync(
    () => api.security.instance(name),
    [api, name],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <AdvisorySyncStatus sync={value.sync} />
      </Grid>
      <Grid item xs={12}>
        <AdvisoriesTable security={value} />
      </Grid>
      <Grid item xs={12}>
        {value.inventory && (
          <Button
            variant="outlined"
            onClick={() =>
              api.security.sbom(name).then(
                text =>
                  downloadText(
                    text,
                    `${name}.cdx.json`,
                    'application/vnd.cyclonedx+json',
                  ),
                e => setExportError(String(e.message ?? e)),
              )
            }
          >
            Download CycloneDX
          </Button>
        )}
        {exportError && <Typography color="error">{exportError}</Typography>}
        <ComponentsTable security={value} />
      </Grid>
      <Grid item xs={12} md={7}>
        <AccessCard access={value.access} />
      </Grid>
      <Grid item xs={12} md={5}>
        <FreshnessTable freshness={value.freshness} />
      </Grid>
    </Grid>
  );
};
