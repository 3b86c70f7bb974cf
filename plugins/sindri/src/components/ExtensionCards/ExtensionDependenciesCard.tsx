import { useMemo, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { DependencyGraph } from '@internal/plugin-sindri-common';
import { ExtensionGraph } from '../ExtensionGraph';
import { useExtensionRegistry } from '../common/useExtensionRegistry';

/** On an extension's page: what it needs and what needs it, transitively. */
export const ExtensionDependenciesCard = () => {
  const { entity } = useEntity();
  const name = entity.metadata.name;
  const { registry, loading, error, colours, entityHref } =
    useExtensionRegistry();
  // a choice belongs to the page it was made on: another extension's page starts at its own
  const [choice, setChoice] = useState<{ page: string; name: string }>();
  const selected = choice?.page === name ? choice.name : name;
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
          // another extension's page keeps this card mounted: start over
          key={name}
          extensions={neighbourhood}
          colours={colours}
          selected={selected}
          onSelect={s => setChoice({ page: name, name: s ?? name })}
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
