import { Table } from '@backstage/core-components';
import { InstanceSecurity } from '@internal/plugin-sindri-common';
import Typography from '@material-ui/core/Typography';

/** Installed extensions against the registry's versions and the compatibility matrix. */
export const FreshnessTable = ({
  freshness,
}: {
  freshness: InstanceSecurity['freshness'];
}) => (
  <Table
    title="Extension freshness"
    options={{ search: false, paging: false, padding: 'dense' }}
    columns={[
      { title: 'Extension', field: 'name' },
      { title: 'Installed', render: f => f.installed ?? 'not reported' },
      { title: 'Registry', render: f => f.registry ?? '—' },
      { title: 'Status', field: 'status' },
      {
        title: 'Compatible with its CLI',
        render: f => `${f.compatible}${f.range ? ` (${f.range})` : ''}`,
      },
    ]}
    data={freshness}
    emptyContent={
      <Typography style={{ padding: 16 }}>
        Its agent reported no installed extensions.
      </Typography>
    }
  />
);
