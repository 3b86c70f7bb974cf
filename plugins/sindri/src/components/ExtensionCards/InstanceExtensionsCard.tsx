import { useMemo } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';
import { ExtensionGraph } from '../ExtensionGraph';
import { useExtensionRegistry } from '../common/useExtensionRegistry';
import { instanceMarks } from './instanceMarks';

/** On an instance's page: the extensions its agent reports, with what they need, marking what is missing, failed or not declared. */
export const InstanceExtensionsCard = () => {
  const { entity } = useEntity();
  const api = useApi(sindriApiRef);
  const { registry, colours, entityHref, ...registryState } =
    useExtensionRegistry();
  const instance = useAsync(
    () => api.getInstance(entity.metadata.name),
    [api, entity.metadata.name],
  );
  // what its sindri.yaml declares, when the portal deployed it (otherwise only what was reported)
  const drift = useAsync(
    () => api.config.drift(entity.metadata.name).catch(() => undefined),
    [api, entity.metadata.name],
  );
  const registration = instance.value?.registration;
  const drawn = useMemo(
    () =>
      registry && registration
        ? instanceMarks(registry.extensions, registration, drift.value)
        : undefined,
    [registry, registration, drift.value],
  );
  const error = registryState.error ?? instance.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (registryState.loading || instance.loading) return <Progress />;
  let body: JSX.Element;
  if (!registration)
    body = (
      <Typography variant="body2" color="textSecondary">
        No agent has registered for this instance yet: what it has installed is
        not known.
      </Typography>
    );
  else if (
    registration.extensionLedger &&
    registration.extensionLedger !== 'read' &&
    !drawn?.extensions.length
  )
    body = (
      <Typography variant="body2" color="textSecondary">
        Its agent cannot read Sindri's ledger ({registration.extensionLedger}):
        what it has installed is not known.
      </Typography>
    );
  else if (!drawn?.extensions.length)
    body = (
      <Typography variant="body2" color="textSecondary">
        Its agent reports no extensions installed.
      </Typography>
    );
  else
    body = (
      <ExtensionGraph
        extensions={drawn.extensions}
        colours={colours}
        marks={drawn.marks}
        entityHref={entityHref}
        height={360}
      />
    );
  const count = (mark: string) =>
    [...(drawn?.marks.values() ?? [])].filter(m => m === mark).length;
  const declared = drift.value?.tracksExtensions
    ? `; against its declared sindri.yaml: ${count('extra')} not declared`
    : '';
  return (
    <InfoCard
      title="Extensions"
      subheader={
        registration
          ? `As its agent reported them from Sindri's ledger; ${count(
              'missing',
            )} needed or declared but not reported${declared}`
          : undefined
      }
    >
      {body}
    </InfoCard>
  );
};
