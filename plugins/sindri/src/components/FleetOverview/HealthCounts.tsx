import { Link } from '@backstage/core-components';
import { FleetSummary } from '@internal/plugin-sindri-common';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';

const HEALTH: Array<{ key: keyof FleetSummary['health']; label: string }> = [
  { key: 'running', label: 'Running' },
  { key: 'unresponsive', label: 'Unresponsive' },
  { key: 'stopped', label: 'Stopped' },
  { key: 'unknown', label: 'Unknown' },
];

/** One figure with its label and, if given, a link to the instances it counts. */
export const Figure = (props: {
  label: string;
  value: number | string;
  to?: string;
}) => (
  <Paper variant="outlined" style={{ padding: 16 }}>
    <Typography variant="h4" component="p">
      {props.to ? <Link to={props.to}>{props.value}</Link> : props.value}
    </Typography>
    <Typography variant="body2" color="textSecondary">
      {props.label}
    </Typography>
  </Paper>
);

/** Instances by health, each linked to the instance list filtered by it; drifted ones; terminals and commands now. */
export const HealthCounts = (props: {
  summary: FleetSummary;
  instancesUrl: string;
}) => (
  <Grid container spacing={2}>
    {HEALTH.map(h => (
      <Grid item xs={6} md={2} key={h.key}>
        <Figure
          label={h.label}
          value={props.summary.health[h.key]}
          to={`${props.instancesUrl}?status=${h.key}`}
        />
      </Grid>
    ))}
    <Grid item xs={6} md={2}>
      <Figure
        label="Drifted from their sindri.yaml"
        value={props.summary.drift.drifted}
        to={`${props.instancesUrl}?drift=drifted`}
      />
    </Grid>
    <Grid item xs={6} md={2}>
      <Figure
        label="Terminal sessions now"
        value={props.summary.live.terminalSessions}
      />
    </Grid>
    <Grid item xs={6} md={2}>
      <Figure
        label="Commands running now"
        value={props.summary.live.runningCommands}
      />
    </Grid>
  </Grid>
);
