import { useMemo, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { DependencyGraph } from '@internal/plugin-sindri-common';
import { ExtensionGraph, useExtensionRegistry } from '../ExtensionGraph';

/** On an extension's page: what it needs and what needs it, transitively. */
export const ExtensionNeighbourhoodCard = () => {
  const { entity } = useEntity();
  const name = entity.metadata.name;
  const { registry, loading, error, colours, entityHref } =
    useExtensionRegistry();
  const [selected, setSelected] = useState<string | undefined>(name);
  const neighbourhood = useMemo(() => {
    const extensions = registry?.extensions ?? [];
    const graph = new DependencyGraph(extensions);
    const near = new Set([
      name,
      ...graph.dependenciesOf([name]),
      ...graph.dependantsOf([name]),
    ]);
    return extensions.filter(e => near.has(e.name));
  }, [registry, name]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <InfoCard title="Dependencies" subheader="What it needs and what needs it">
      {neighbourhood.length ? (
        <ExtensionGraph
          extensions={neighbourhood}
          colours={colours}
          selected={selected}
          onSelect={s => setSelected(s ?? name)}
          entityHref={entityHref}
          height={360}
        />
      ) : (
        <Typography variant="body2" color="textSecondary">
          {name} is not in the registry this portal reads.
        </Typography>
      )}
    </InfoCard>
  );
};
