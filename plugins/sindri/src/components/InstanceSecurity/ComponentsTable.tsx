import { Table, TableColumn } from '@backstage/core-components';
import {
  InstanceSecurity,
  InventoryComponent,
} from '@internal/plugin-sindri-common';
import Typography from '@material-ui/core/Typography';

const columns: TableColumn<InventoryComponent>[] = [
  { title: 'Source', field: 'source' },
  { title: 'Name', field: 'name' },
  { title: 'Version', field: 'version' },
  { title: 'Package URL', field: 'purl' },
  { title: 'Extension', render: c => c.extension ?? '' },
];

/** What the agent found installed, by source, and which sources it could not read. */
export const ComponentsTable = ({
  security,
}: {
  security: InstanceSecurity;
}) => {
  const { inventory } = security;
  return (
    <>
      {inventory && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="inventory-sources"
        >
          Reported {new Date(inventory.collectedAt).toLocaleString()}
          {inventory.os
            ? ` from ${inventory.os.id} ${inventory.os.versionId ?? ''}`
            : ''}
          {inventory.cli ? `, Sindri CLI ${inventory.cli.version}` : ''}:{' '}
          {inventory.sources
            .map(s =>
              s.state === 'collected'
                ? `${s.source} ${s.count ?? 0}${
                    s.message ? ` (${s.message})` : ''
                  }`
                : `${s.source} ${s.state}${s.message ? ` (${s.message})` : ''}`,
            )
            .join('; ')}
          .
        </Typography>
      )}
      <Table
        title={`Installed components (${security.components.length})`}
        options={{
          search: true,
          paging: true,
          pageSize: 20,
          padding: 'dense',
        }}
        columns={columns}
        data={security.components}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            {inventory
              ? 'The agent found nothing installed in the sources it could read.'
              : 'Its agent has not reported what is installed yet.'}
          </Typography>
        }
      />
    </>
  );
};
