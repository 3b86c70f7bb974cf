import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { METRICS_RANGES, MetricsRange } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { formatBytes, formatPercent } from '../common/format';
import { MetricChart } from './MetricChart';
import { toChartPoints } from './series';
import { TopProcesses } from './TopProcesses';

const RANGES = Object.keys(METRICS_RANGES) as MetricsRange[];
const percent = (v: number) => formatPercent(v);
const rate = (v: number) => `${formatBytes(v)}/s`;

/** The "Metrics" tab of an instance: charts over 1 h, 24 h or 7 d and the top processes. */
export const InstanceMetricsContent = () => {
  const { entity } = useEntity();
  const api = useApi(sindriApiRef);
  const [range, setRange] = useState<MetricsRange>('1h');
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getMetrics(entity.metadata.name, range),
    [api, entity.metadata.name, range],
  );
  useInterval(retry, 30_000);

  const points = value ? toChartPoints(value.items) : [];
  const newest = value?.items[value.items.length - 1];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ButtonGroup size="small" aria-label="time range">
          {RANGES.map(r => (
            <Button
              key={r}
              variant={r === range ? 'contained' : 'outlined'}
              color="primary"
              onClick={() => setRange(r)}
            >
              {r}
            </Button>
          ))}
        </ButtonGroup>
        {value && (
          <Typography
            variant="caption"
            color="textSecondary"
            style={{ marginLeft: 16 }}
          >
            {value.items.length} samples at{' '}
            {value.resolution === 'raw' ? 'full' : value.resolution} resolution
          </Typography>
        )}
      </Grid>
      {error && !value && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} />
        </Grid>
      )}
      {loading && !value && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {value && (
        <>
          <Grid item xs={12} md={6}>
            <MetricChart
              title="CPU"
              points={points}
              lines={[{ key: 'cpu', name: 'CPU', color: '#1f77b4' }]}
              format={percent}
              domain={[0, 100]}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <MetricChart
              title="Memory"
              points={points}
              lines={[{ key: 'memory', name: 'memory used', color: '#ff7f0e' }]}
              format={percent}
              domain={[0, 100]}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <MetricChart
              title="Disk"
              points={points}
              lines={[
                { key: 'disk', name: 'main disk used', color: '#2ca02c' },
              ]}
              format={percent}
              domain={[0, 100]}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <MetricChart
              title="Network"
              points={points}
              lines={[
                { key: 'rxPerSecond', name: 'received', color: '#9467bd' },
                { key: 'txPerSecond', name: 'sent', color: '#8c564b' },
              ]}
              format={rate}
            />
          </Grid>
          <Grid item xs={12}>
            <TopProcesses sample={newest} />
          </Grid>
        </>
      )}
    </Grid>
  );
};
