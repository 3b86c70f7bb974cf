import { useEffect, useReducer, useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useInterval from 'react-use/esm/useInterval';
import { sindriInstanceLifecyclePermission } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { useInstancePermission } from '../common/useInstancePermission';
import { ConfigDiffCard } from './ConfigDiffCard';
import { ConfigEditorCard } from './ConfigEditorCard';
import { ConfigHistoryTable } from './ConfigHistoryTable';
import { DriftCard } from './DriftCard';

const DRIFT_POLL_MS = 5000;

/** The Config tab: drift, the declared sindri.yaml in an editor, its history and diffs. */
export const InstanceConfigContent = () => {
  const { entity } = useEntity();
  const name = entity.metadata.name;
  const api = useApi(sindriApiRef);
  const lifecycle = useInstancePermission(sindriInstanceLifecyclePermission);
  const [generation, reload] = useReducer((n: number) => n + 1, 0);
  const versions = useAsync(
    () => api.config.versions(name).catch(orNotDeployed),
    [api, name, generation],
  );
  const newest = versions.value?.[0];
  const current = useAsync(
    async () => (newest ? api.config.version(name, newest.version) : undefined),
    [api, name, newest?.version],
  );
  // drift follows the agent's reports: read again while the tab is open
  const [tick, setTick] = useState(0);
  useInterval(() => setTick(t => t + 1), DRIFT_POLL_MS);
  const drift = useAsync(
    () => api.config.drift(name),
    [api, name, generation, tick],
  );
  const [pick, setPick] = useState<{ left?: number; right?: number }>({});
  useEffect(() => {
    const [latest, previous] = versions.value ?? [];
    if (latest)
      setPick({ left: (previous ?? latest).version, right: latest.version });
  }, [versions.value]);

  /** The editor, or why there is nothing to edit or show. */
  const declaredFile = () => {
    if (versions.value === null || !newest)
      return (
        <EmptyState
          missing="content"
          title="No declared sindri.yaml"
          description="The portal did not deploy this instance (it was enrolled by hand), so it holds no sindri.yaml to show or edit."
        />
      );
    if (current.error) return <ResponseErrorPanel error={current.error} />;
    if (current.value?.sindriYaml === undefined)
      return current.loading ? (
        <Progress />
      ) : (
        <Typography>
          The sindri.yaml is shown to who created the instance or stored this
          version, and to sindri.instance.audit.read.
        </Typography>
      );
    return (
      <ConfigEditorCard
        name={name}
        version={newest.version}
        text={current.value.sindriYaml}
        canEdit={lifecycle.allowed}
        onApplied={reload}
      />
    );
  };

  if (versions.loading && !versions.value) return <Progress />;
  if (versions.error) return <ResponseErrorPanel error={versions.error} />;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={5}>
        <DriftCard drift={drift} />
      </Grid>
      <Grid item xs={12} md={7}>
        {declaredFile()}
      </Grid>
      {versions.value && newest && (
        <>
          <Grid item xs={12}>
            <ConfigHistoryTable
              versions={versions.value}
              left={pick.left}
              right={pick.right}
              onPick={(side, v) => setPick(p => ({ ...p, [side]: v }))}
            />
          </Grid>
          <Grid item xs={12}>
            <ConfigDiffCard name={name} left={pick.left} right={pick.right} />
          </Grid>
        </>
      )}
    </Grid>
  );
};

/** An instance the portal did not deploy has no versions: null, not an error. */
function orNotDeployed(error: {
  statusCode?: number;
  response?: { status?: number };
}) {
  if (error.statusCode === 404 || error.response?.status === 404) return null;
  throw error;
}
