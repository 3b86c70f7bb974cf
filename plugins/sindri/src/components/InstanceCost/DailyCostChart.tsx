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
import { formatMoney, InstanceCost } from '@internal/plugin-sindri-common';

const PARTS = [
  { key: 'compute', name: 'Compute', color: '#1f77b4' },
  { key: 'gpu', name: 'GPU', color: '#9467bd' },
  { key: 'storage', name: 'Storage', color: '#ff7f0e' },
] as const;

/** The last 30 days' cost per day, compute, GPU and storage stacked. */
export const DailyCostChart = ({ days }: { days: InstanceCost['days'] }) => (
  <ResponsiveContainer width="100%" height={260}>
    <BarChart data={days}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} />
      <YAxis tickFormatter={(v: number) => formatMoney(v)} />
      <Tooltip formatter={v => formatMoney(Number(v))} />
      <Legend />
      {PARTS.map(p => (
        <Bar
          key={p.key}
          dataKey={p.key}
          name={p.name}
          stackId="cost"
          fill={p.color}
        />
      ))}
    </BarChart>
  </ResponsiveContainer>
);
