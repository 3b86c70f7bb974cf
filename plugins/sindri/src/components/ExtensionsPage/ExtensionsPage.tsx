import { useMemo, useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useSearchParams } from 'react-router-dom';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { DependencyGraph } from '@internal/plugin-sindri-common';
import {
  CategoryLegend,
  ExtensionGraph,
  useExtensionRegistry,
} from '../ExtensionGraph';
import { ExtensionDetails } from './ExtensionDetails';
import { ExtensionUsageMatrix } from '../ExtensionUsage';

/** The registry as a dependency graph: search, select, follow to an extension's entity. */
const ExtensionGraphView = () => {
  const { registry, loading, error, colours, entityHref } =
    useExtensionRegistry();
  const [selected, setSelected] = useState<string>();
  const [search, setSearch] = useState('');
  const extensions = useMemo(() => registry?.extensions ?? [], [registry]);
  const graph = useMemo(() => new DependencyGraph(extensions), [extensions]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const chosen = extensions.find(e => e.name === selected);
  const edges = extensions.reduce((n, e) => n + e.dependencies.length, 0);
  return (
    <Box>
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        <TextField
          label="Find an extension"
          value={search}
          onChange={e => setSearch(e.target.value)}
          inputProps={{ 'aria-label': 'Find an extension' }}
        />
        <Typography variant="body2" color="textSecondary">
          {extensions.length} extensions, {edges} dependencies, from the Sindri
          registry {registry!.source.registryVersion} (registry.yaml and each
          extension.yaml). Select one to see what it needs and what needs it.
        </Typography>
      </Box>
      <CategoryLegend colours={colours} />
      <Box display="flex" style={{ gap: 16 }}>
        <Paper style={{ flex: 3 }} variant="outlined">
          <ExtensionGraph
            extensions={extensions}
            colours={colours}
            selected={selected}
            onSelect={setSelected}
            search={search}
            entityHref={entityHref}
            height={720}
            layout="overview"
          />
        </Paper>
        <Paper style={{ flex: 1, padding: 16 }} variant="outlined">
          {chosen ? (
            <ExtensionDetails
              extension={chosen}
              graph={graph}
              entityHref={entityHref(chosen.name)}
            />
          ) : (
            <Typography variant="body2" color="textSecondary">
              No extension selected.
            </Typography>
          )}
        </Paper>
      </Box>
    </Box>
  );
};

const VIEWS = ['graph', 'usage'] as const;

/** The Extensions tab: the registry's dependency graph, and which instance has which extension (`?view=usage`). */
export const ExtensionsPage = () => {
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'usage' ? 'usage' : 'graph';
  return (
    <Box>
      <Tabs
        value={view}
        onChange={(_, next) =>
          setParams(next === 'graph' ? {} : { view: next })
        }
        indicatorColor="primary"
      >
        {VIEWS.map(v => (
          <Tab
            key={v}
            value={v}
            label={v === 'graph' ? 'Dependency graph' : 'Usage matrix'}
          />
        ))}
      </Tabs>
      <Box mt={2}>
        {view === 'graph' ? <ExtensionGraphView /> : <ExtensionUsageMatrix />}
      </Box>
    </Box>
  );
};
