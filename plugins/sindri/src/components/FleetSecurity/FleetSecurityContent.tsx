import { useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
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
/** One kind of finding per instance: the instance, then what was found; empty says so in words. */
function InstanceFindings<T extends { name: string }>(props: {
  title: string;
  columns: TableColumn<T>[];
  data: T[];
  emptyText: string;
}) {
  return (
    <Table
      title={props.title}
      options={dense}
      columns={[
        {
          title: 'Instance',
          render: (r: T) => (
            <EntityRefLink entityRef={instanceEntityRef(r.name)} />
          ),
        },
        ...props.columns,
      ]}
      data={props.data}
      emptyContent={
        <Typography style={{ padding: 16 }}>{props.emptyText}</Typography>
      }
    />
  );
}

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
        <InstanceFindings
          title="Instances with critical findings"
          columns={[{ title: 'Critical advisories', field: 'critical' }]}
          data={value.criticalInstances}
          emptyText="No readable instance carries a critical advisory that was checked."
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InstanceFindings
          title="Agent tokens due for rotation"
          columns={[{ title: 'Age (days)', field: 'ageDays' }]}
          data={value.staleTokens}
          emptyText="No agent token is older than the rotation policy."
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InstanceFindings
          title="Weak SSH keys"
          columns={[
            {
              title: 'Key',
              render: r => `${r.type} ${r.bits ?? ''} ${r.fingerprint}`,
            },
            { title: 'Why', field: 'weak' },
          ]}
          data={value.weakKeys}
          emptyText="No weak key among those the agents reported."
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InstanceFindings
          title="Sockets listening beyond loopback"
          columns={[
            { title: 'Address', render: r => `${r.address}:${r.port}` },
            { title: 'Process', render: r => r.process ?? 'not readable' },
          ]}
          data={value.exposedPorts}
          emptyText="No socket beyond loopback among those the agents reported."
        />
      </Grid>
    </Grid>
  );
};
