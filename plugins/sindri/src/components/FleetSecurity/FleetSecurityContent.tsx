import { useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { instanceEntityRef } from '@internal/plugin-sindri-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';
import { Figure } from '../FleetOverview/HealthCounts';
import { AdvisorySyncStatus } from '../InstanceSecurity/AdvisorySyncStatus';
import { downloadText } from '../InstanceSecurity/downloadText';

const dense = { search: false, paging: false, padding: 'dense' as const };
const instanceLink = (name: string) => (
  <EntityRefLink entityRef={instanceEntityRef(name)} />
);

/** The Sindri page's Security tab: findings across the instances the user may read. */
export const FleetSecurityContent = () => {
  const api = useApi(sindriApiRef);
  const [exportError, setExportError] = useState<string>();
  const { value, loading, error } = useAsync(() => api.security.fleet(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const s = value.bySeverity;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <AdvisorySyncStatus sync={value.sync} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Fleet security"
          subheader={`${value.withInventory} of ${value.instances} readable instances have reported what is installed; findings count each advisory once per instance.`}
        >
          <Grid container spacing={2}>
            {(['critical', 'high', 'medium', 'low', 'unknown'] as const).map(
              k => (
                <Grid item xs={4} md={2} key={k}>
                  <Figure label={k} value={String(s[k])} />
                </Grid>
              ),
            )}
            <Grid item xs={12} md={2}>
              <Button
                variant="outlined"
                onClick={() =>
                  api.security.fleetSbom().then(
                    text =>
                      downloadText(
                        text,
                        'fleet.cdx.json',
                        'application/vnd.cyclonedx+json',
                      ),
                    e => setExportError(String(e.message ?? e)),
                  )
                }
              >
                Fleet CycloneDX
              </Button>
              {exportError && (
                <Typography color="error">{exportError}</Typography>
              )}
            </Grid>
          </Grid>
          {value.withoutInventory.length > 0 && (
            <Typography variant="body2" color="textSecondary">
              Not reported yet (no findings can be shown for them):{' '}
              {value.withoutInventory.join(', ')}.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Table
          title="Most widespread advisories"
          options={dense}
          columns={[
            { title: 'Advisory', field: 'id' },
            {
              title: 'Severity',
              render: a =>
                `${a.severity}${a.score !== undefined ? ` (${a.score})` : ''}`,
            },
            { title: 'Summary', field: 'summary' },
            {
              title: 'Instances',
              render: a => `${a.instances.length}: ${a.instances.join(', ')}`,
            },
          ]}
          data={value.topAdvisories}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No advisory matches the {value.sync.checked} package versions
              checked{value.sync.pending ? `; ${value.sync.pending} wait` : ''}.
            </Typography>
          }
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table
          title="Instances with critical findings"
          options={dense}
          columns={[
            { title: 'Instance', render: r => instanceLink(r.name) },
            { title: 'Critical advisories', field: 'critical' },
          ]}
          data={value.criticalInstances}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table
          title="Agent tokens due for rotation"
          options={dense}
          columns={[
            { title: 'Instance', render: r => instanceLink(r.name) },
            { title: 'Age (days)', field: 'ageDays' },
          ]}
          data={value.staleTokens}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table
          title="Weak SSH keys"
          options={dense}
          columns={[
            { title: 'Instance', render: r => instanceLink(r.name) },
            {
              title: 'Key',
              render: r => `${r.type} ${r.bits ?? ''} ${r.fingerprint}`,
            },
            { title: 'Why', field: 'weak' },
          ]}
          data={value.weakKeys}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table
          title="Sockets listening beyond loopback"
          options={dense}
          columns={[
            { title: 'Instance', render: r => instanceLink(r.name) },
            { title: 'Address', render: r => `${r.address}:${r.port}` },
            { title: 'Process', render: r => r.process ?? 'not readable' },
          ]}
          data={value.exposedPorts}
        />
      </Grid>
    </Grid>
  );
};
