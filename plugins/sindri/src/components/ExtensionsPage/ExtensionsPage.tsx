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
import { CategoryLegend, ExtensionGraph } from '../ExtensionGraph';
import { ExtensionDetails } from './ExtensionDetails';
import { InvalidCustomExtensions } from './InvalidCustomExtensions';
import { useExtensionRegistry } from '../common/useExtensionRegistry';
import { ExtensionUsageMatrix } from '../ExtensionUsage';
import { ExtensionRegistryTable } from '../ExtensionRegistry';

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
  const custom = extensions.filter(e => e.custom).length;
  return (
    <Box>
      <InvalidCustomExtensions invalid={registry!.invalid} />
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
          extension.yaml)
          {custom ? ` and ${custom} custom extensions of your own` : ''}. Select
          one to see what it needs and what needs it.
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
              usageSource={registry!.source.usage}
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

const VIEWS = {
  graph: { label: 'Dependency graph', Content: ExtensionGraphView },
  registry: { label: 'Registry', Content: ExtensionRegistryTable },
  usage: { label: 'Usage matrix', Content: ExtensionUsageMatrix },
};
type View = keyof typeof VIEWS;

/** The Extensions tab: the registry's dependency graph, the registry as a list (`?view=registry`), and which instance has which extension (`?view=usage`). */
export const ExtensionsPage = () => {
  const [params, setParams] = useSearchParams();
  const asked = params.get('view') as View | null;
  const view: View =
    asked && Object.prototype.hasOwnProperty.call(VIEWS, asked)
      ? asked
      : 'graph';
  const { Content } = VIEWS[view];
  return (
    <Box>
      <Tabs
        value={view}
        onChange={(_, next: View) =>
          setParams(next === 'graph' ? {} : { view: next })
        }
        indicatorColor="primary"
      >
        {(Object.keys(VIEWS) as View[]).map(v => (
          <Tab key={v} value={v} label={VIEWS[v].label} />
        ))}
      </Tabs>
      <Box mt={2}>
        <Content />
      </Box>
    </Box>
  );
};
