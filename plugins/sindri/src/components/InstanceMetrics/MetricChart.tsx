import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DateTime } from 'luxon';
import { ChartPoint } from './series';

export interface MetricLine {
  key: string;
  name: string;
  color: string;
}

const time = (t: number) => DateTime.fromMillis(t).toFormat('HH:mm');

/** One metric over time; says so when no sample in the range has it. */
export const MetricChart = (props: {
  title: string;
  points: ChartPoint[];
  lines: MetricLine[];
  format: (value: number) => string;
  domain?: [number, number];
}) => {
  const hasData = props.points.some(p =>
    props.lines.some(l => typeof p[l.key] === 'number'),
  );
  return (
    <InfoCard title={props.title}>
      {hasData ? (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={props.points}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={time}
            />
            <YAxis
              tickFormatter={props.format}
              domain={props.domain ?? ['auto', 'auto']}
              width={80}
            />
            <Tooltip
              labelFormatter={v => time(Number(v))}
              formatter={v => props.format(Number(v))}
            />
            <Legend />
            {props.lines.map(line => (
              <Line
                key={line.key}
                type="monotone"
                dataKey={line.key}
                name={line.name}
                stroke={line.color}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      ) : (
        <Typography color="textSecondary">
          No {props.title.toLowerCase()} samples in this range.
        </Typography>
      )}
    </InfoCard>
  );
};
