import { useMemo } from 'react';
import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  DependencyGraph,
  RegistryExtension,
} from '@internal/plugin-sindri-common';
import { useExtensionRegistry } from '../common/useExtensionRegistry';
import { ExtensionInstances } from './ExtensionInstances';

type Row = RegistryExtension & {
  packages: string;
  needs: string;
  neededBy: string;
};

const names = (set: Set<string>) => [...set].sort().join(', ');

/**
 * The registry as a list, by category and searchable (by any column): what each
 * extension packages, who uses it, how long its installs took, what it needs
 * and what needs it; a row opens the instances that have it.
 */
export const ExtensionRegistryTable = () => {
  const { registry, loading, error, entityHref } = useExtensionRegistry();
  const rows = useMemo<Row[]>(() => {
    const extensions = registry?.extensions ?? [];
    const graph = new DependencyGraph(extensions);
    const byCategory = [...extensions].sort(
      (a, b) =>
        a.category.localeCompare(b.category) || a.name.localeCompare(b.name),
    );
    return byCategory.map(e => ({
      ...e,
      packages: e.bom
        .map(t => (t.version ? `${t.name} ${t.version}` : t.name))
        .join(', '),
      needs: names(graph.dependenciesOf([e.name])),
      neededBy: names(graph.dependantsOf([e.name])),
    }));
  }, [registry]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const columns: TableColumn<Row>[] = [
    { title: 'Category', field: 'category' },
    {
      title: 'Extension',
      field: 'name',
      highlight: true,
      render: r => (
        <>
          <Link to={entityHref(r.name)}>{r.name}</Link>
          {r.custom ? ' (custom)' : ''}
        </>
      ),
    },
    { title: 'Version', field: 'version' },
    { title: 'Description', field: 'description' },
    { title: 'Packages', field: 'packages' },
    { title: 'Used by', field: 'usedBy', type: 'numeric' },
    {
      title: 'Install time',
      field: 'installTime.meanSeconds',
      type: 'numeric',
      render: r =>
        r.installTime
          ? `${r.installTime.meanSeconds} s (p95 ${r.installTime.p95Seconds} s, ${r.installTime.samples})`
          : 'not reported',
    },
    { title: 'Failed on', field: 'failedOn', type: 'numeric' },
    { title: 'Needs', field: 'needs' },
    { title: 'Needed by', field: 'neededBy' },
  ];
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        From the Sindri registry {registry!.source.registryVersion}; use and
        install times from {registry!.source.usage}.
      </Typography>
      <Table<Row>
        title="Extensions"
        columns={columns}
        data={rows}
        options={{ search: true, paging: false }}
        detailPanel={({ rowData }) => (
          <ExtensionInstances name={rowData.name} />
        )}
      />
    </>
  );
};
