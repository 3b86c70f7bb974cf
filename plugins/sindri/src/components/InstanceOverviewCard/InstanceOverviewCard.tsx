import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { SINDRI_STATUS_LABEL } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import {
  formatAgo,
  formatBytes,
  formatPercent,
  formatUptime,
  NOT_REPORTED,
} from '../common/format';
import { StatusLabel } from '../common/StatusLabel';
import { DriftStatusLabel } from '../common/DriftStatusLabel';
import { diskPercent, mainDisk, memoryPercent } from '../common/usage';

const orNot = <T,>(value: T | undefined, format: (v: T) => string) =>
  value === undefined ? NOT_REPORTED : format(value);

/** The instance's state now: status, where it runs, usage, last heartbeat. */
export const InstanceOverviewCard = () => {
  const { entity } = useEntity();
  const api = useApi(sindriApiRef);
  // a new status label on the entity (e.g. after a suspend) reads the instance again at once
  const statusLabel = entity.metadata.labels?.[SINDRI_STATUS_LABEL];
  const {
    value: instance,
    loading,
    error,
    retry,
  } = useAsyncRetry(
    () => api.getInstance(entity.metadata.name),
    [api, entity.metadata.name, statusLabel],
  );
  useInterval(retry, 15_000);

  if (loading && !instance)
    return (
      <InfoCard title="Sindri instance">
        <Progress />
      </InfoCard>
    );
  if (error && !instance)
    return (
      <InfoCard title="Sindri instance">
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  if (!instance) return null;

  const sample = instance.latestMetrics;
  const disk = mainDisk(sample);
  const metadata = {
    status: (
      <>
        <StatusLabel status={instance.status} />
        {instance.statusChangedAt
          ? ` since ${formatAgo(instance.statusChangedAt)}`
          : ''}
      </>
    ),
    drift: <DriftStatusLabel status={instance.drift} />,
    provider: instance.provider ?? NOT_REPORTED,
    region: instance.region ?? NOT_REPORTED,
    uptime: orNot(instance.uptimeSeconds, formatUptime),
    cpu: orNot(sample?.cpu?.percent, formatPercent),
    memory: sample?.memory
      ? `${formatBytes(sample.memory.usedBytes)} of ${formatBytes(
          sample.memory.totalBytes,
        )} (${formatPercent(memoryPercent(sample)!)})`
      : NOT_REPORTED,
    disk: disk
      ? `${formatBytes(disk.usedBytes)} of ${formatBytes(disk.sizeBytes)} on ${
          disk.mount
        } (${formatPercent(diskPercent(sample)!)})`
      : NOT_REPORTED,
    extensions: instance.registration
      ? String(instance.registration.extensions.length)
      : NOT_REPORTED,
    'last heartbeat': orNot(instance.lastHeartbeatAt, formatAgo),
    'metrics sampled': orNot(sample?.at, formatAgo),
  };
  return (
    <InfoCard
      title="Sindri instance"
      subheader={instance.registration?.hostname}
    >
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
};
