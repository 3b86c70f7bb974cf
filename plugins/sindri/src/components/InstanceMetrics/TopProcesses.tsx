import { Table, TableColumn } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { MetricsSample, ProcessSample } from '@internal/plugin-sindri-common';
import { formatBytes, formatPercent } from '../common/format';

const columns: TableColumn<ProcessSample>[] = [
  { title: 'PID', field: 'pid', width: '15%' },
  { title: 'Process', field: 'name' },
  {
    title: 'CPU',
    field: 'cpuPercent',
    render: p => formatPercent(p.cpuPercent),
    width: '15%',
  },
  {
    title: 'Memory',
    field: 'memoryBytes',
    render: p => formatBytes(p.memoryBytes),
    width: '20%',
  },
];

/** Top processes by CPU and by memory, from the newest sample. */
export const TopProcesses = ({ sample }: { sample?: MetricsSample }) => {
  const processes = sample?.processes;
  if (!processes) {
    return (
      <Typography color="textSecondary">Process data not reported.</Typography>
    );
  }
  const options = { paging: false, search: false, padding: 'dense' as const };
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <Table
          title={`Top by CPU (${processes.count} processes)`}
          options={options}
          columns={columns}
          data={processes.topByCpu}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table
          title="Top by memory"
          options={options}
          columns={columns}
          data={processes.topByMemory}
        />
      </Grid>
    </Grid>
  );
};
