import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  SINDRI_ANNOTATIONS,
  SINDRI_INSTANCE_RESOURCE_TYPE,
  SINDRI_STATUS_LABEL,
} from '@internal/plugin-sindri-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';

const notReported = 'not reported';

const columns: TableColumn<Entity>[] = [
  {
    title: 'Name',
    field: 'metadata.name',
    highlight: true,
    render: entity => <EntityRefLink entityRef={entity} defaultKind="resource" />,
  },
  {
    title: 'Status',
    field: `metadata.labels.${SINDRI_STATUS_LABEL}`,
    render: entity => entity.metadata.labels?.[SINDRI_STATUS_LABEL] ?? notReported,
  },
  {
    title: 'Provider',
    render: entity => entity.metadata.annotations?.[SINDRI_ANNOTATIONS.provider] ?? notReported,
  },
  {
    title: 'Region',
    render: entity => entity.metadata.annotations?.[SINDRI_ANNOTATIONS.region] ?? notReported,
  },
  {
    title: 'Owner',
    render: entity => (
      <EntityRefLinks
        entityRefs={getEntityRelations(entity, RELATION_OWNED_BY)}
        defaultKind="group"
      />
    ),
  },
];

/** Every `Resource` of type `sindri-instance` in the catalog. */
export const InstanceTable = () => {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(
    () =>
      catalogApi.getEntities({
        filter: { kind: 'Resource', 'spec.type': SINDRI_INSTANCE_RESOURCE_TYPE },
      }),
    [catalogApi],
  );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  const instances = value?.items ?? [];
  if (instances.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No Sindri instances yet"
        description={
          <Typography component="span">
            An instance appears here when a catalog entity of kind Resource with
            spec.type "{SINDRI_INSTANCE_RESOURCE_TYPE}" is registered: either by
            the Sindri console agent enrolling the instance with this portal, or
            by registering such an entity yourself. The README's "Adding an
            instance" section shows how.
          </Typography>
        }
      />
    );
  }

  return (
    <Table
      title={`Instances (${instances.length})`}
      options={{ search: true, paging: instances.length > 20, pageSize: 20 }}
      columns={columns}
      data={instances}
    />
  );
};
