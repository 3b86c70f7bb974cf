import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface CountBar {
  key: string;
  name: string;
  color: string;
}

/** Counts as bars, with where they come from; says so when there is nothing to count. */
export const CountChart = (props: {
  title: string;
  source: string;
  data: Array<Record<string, string | number>>;
  category: string;
  bars: CountBar[];
  empty: string;
}) => (
  <InfoCard title={props.title} subheader={props.source}>
    {props.data.length === 0 ? (
      <Typography color="textSecondary">{props.empty}</Typography>
    ) : (
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={props.data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={props.category} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          {props.bars.length > 1 && <Legend />}
          {props.bars.map(b => (
            <Bar key={b.key} dataKey={b.key} name={b.name} fill={b.color} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    )}
  </InfoCard>
);
