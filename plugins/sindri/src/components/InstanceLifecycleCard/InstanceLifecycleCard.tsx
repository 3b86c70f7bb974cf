import { useEffect, useReducer, useRef, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useAsyncEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  lifecycleActionAvailable,
  instanceEntityRef,
  LifecycleAction,
  LifecycleRequest,
  sindriInstanceLifecyclePermission,
} from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { useInstancePermission } from '../common/useInstancePermission';
import { formatAgo } from '../common/format';
import { DestroyDialog } from './DestroyDialog';
import {
  DeploymentStateLabel,
  OperationStateLabel,
} from './OperationStateLabel';
import { useOperation } from './useOperation';
import { OperationsTable } from './OperationsTable';

/** The states each action may start from, as the backend allows them. */

const LABELS: Record<LifecycleAction, string> = {
  suspend: 'Suspend',
  resume: 'Resume',
  redeploy: 'Redeploy',
  destroy: 'Destroy',
};

/** The clone template, with this instance picked as its source. */
const cloneLink = (name: string) =>
  `/create/templates/default/sindri-clone-instance?formData=${encodeURIComponent(
    JSON.stringify({ source: instanceEntityRef(name) }),
  )}`;

/** Suspend, resume, redeploy and destroy an instance the portal deployed, with its operations. */
export const InstanceLifecycleCard = () => {
  const { entity, refresh } = useAsyncEntity();
  const name = entity!.metadata.name;
  const api = useApi(sindriApiRef);
  const permission = useInstancePermission(sindriInstanceLifecyclePermission);
  // a new version reads both again, even while a read is under way (a retry then would be dropped)
  const [version, reload] = useReducer((n: number) => n + 1, 0);
  const deployment = useAsync(
    () => api.getDeployment(name),
    [api, name, version],
  );
  const operations = useAsync(
    () => api.listOperations(name),
    [api, name, version],
  );
  const [destroying, setDestroying] = useState(false);
  const [startError, setStartError] = useState<Error>();
  const [destroyed, setDestroyed] = useState(false);
  const laterRefresh = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(laterRefresh.current), []);
  const current = useOperation(op => {
    clearTimeout(laterRefresh.current);
    if (op.kind === 'destroy' && op.state === 'succeeded') {
      setDestroyed(true);
      return;
    }
    reload();
    // the entity's status label follows through the catalog, which applies the change a moment later
    refresh?.();
    laterRefresh.current = setTimeout(() => refresh?.(), 2000);
  });

  // an operation already running (started elsewhere, or before a reload) is followed too: its
  // progress where the user may see its log, else its state, read again until it ends
  const newest = operations.value?.[0];
  const { follow } = current;
  const following = Boolean(current.operation);
  useEffect(() => {
    if (following || newest?.state !== 'running') return undefined;
    if (!newest.logHidden) {
      void follow(newest);
      return undefined;
    }
    const timer = setTimeout(reload, 2000);
    return () => clearTimeout(timer);
  }, [following, newest, follow]);

  const run = async (request: LifecycleRequest) => {
    setStartError(undefined);
    try {
      const started = await api.runLifecycle(name, request);
      reload();
      await current.follow(started.operation);
    } catch (e) {
      setStartError(e as Error);
    }
  };

  if (deployment.loading && !deployment.value)
    return (
      <InfoCard title="Lifecycle">
        <Progress />
      </InfoCard>
    );
  if (deployment.error)
    return (
      <InfoCard title="Lifecycle">
        <ResponseErrorPanel error={deployment.error} />
      </InfoCard>
    );
  if (destroyed) {
    return (
      <InfoCard title="Lifecycle">
        <Typography role="status">
          {name} is destroyed and has left the catalog.
        </Typography>
      </InfoCard>
    );
  }
  if (!deployment.value) {
    return (
      <InfoCard title="Lifecycle">
        <Typography>
          {name} was enrolled by hand, not deployed by the portal: suspend,
          resume and destroy it where it was deployed.
        </Typography>
      </InfoCard>
    );
  }

  const d = deployment.value;
  const busy = current.operation?.state === 'running';
  const refusal = permission.allowed
    ? undefined
    : `You need ${sindriInstanceLifecyclePermission.name} on this instance`;
  const button = (action: LifecycleAction) => {
    const unavailable = !lifecycleActionAvailable(action, d.state)
      ? `Not while it is ${d.state}`
      : undefined;
    const why =
      refusal ?? unavailable ?? (busy ? 'An operation is running' : undefined);
    return (
      <Tooltip key={action} title={why ?? ''}>
        <span>
          <Button
            variant="outlined"
            color={action === 'destroy' ? 'secondary' : 'default'}
            disabled={Boolean(why) || permission.loading}
            onClick={() =>
              action === 'destroy' ? setDestroying(true) : run({ action })
            }
          >
            {LABELS[action]}
          </Button>
        </span>
      </Tooltip>
    );
  };

  return (
    <InfoCard
      title="Lifecycle"
      subheader={`Deployed with the ${d.driver} driver`}
    >
      <StructuredMetadataTable
        metadata={{
          state: <DeploymentStateLabel state={d.state} />,
          'deploys to': `${d.provider} (deployment.provider in its sindri.yaml)`,
          'created by': d.createdBy,
          created: formatAgo(d.createdAt),
        }}
      />
      <Box display="flex" style={{ gap: 8 }} my={2} flexWrap="wrap">
        {(['suspend', 'resume', 'redeploy', 'destroy'] as const).map(button)}
        <Button variant="outlined" href={cloneLink(name)}>
          Clone
        </Button>
      </Box>
      {!permission.loading && refusal && (
        <Typography variant="body2" color="textSecondary">
          Not permitted: {sindriInstanceLifecyclePermission.name}
        </Typography>
      )}
      {startError && (
        <WarningPanel
          severity="error"
          title="The operation could not start"
          message={startError.message}
        />
      )}
      {current.error && (
        <WarningPanel
          severity="error"
          title="Lost the operation's progress"
          message={current.error.message}
        />
      )}
      {current.operation && (
        <Box my={1} role="region" aria-label="Current operation">
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="subtitle2">
              {current.operation.kind}:
            </Typography>
            <OperationStateLabel state={current.operation.state} />
            {current.operation.message && (
              <Typography variant="body2">
                {current.operation.message}
              </Typography>
            )}
          </Box>
          <Box
            component="pre"
            fontSize={12}
            maxHeight={200}
            overflow="auto"
            bgcolor="background.default"
            p={1}
          >
            {current.lines.join('\n') || '…'}
          </Box>
        </Box>
      )}
      <OperationsTable operations={operations.value ?? []} />
      <DestroyDialog
        name={name}
        open={destroying}
        onCancel={() => setDestroying(false)}
        onConfirm={({ confirm, volumes }) => {
          setDestroying(false);
          run({ action: 'destroy', confirm, volumes });
        }}
      />
    </InfoCard>
  );
};
