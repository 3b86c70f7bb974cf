import { Link, Table, TableColumn } from '@backstage/core-components';
import { formatMoney, RateLine } from '@internal/plugin-sindri-common';

const columns: TableColumn<RateLine>[] = [
  { title: 'Part', render: r => `${r.kind}: ${r.item}` },
  { title: 'Billed while', field: 'when' },
  { title: 'Quantity', field: 'quantity', type: 'numeric' },
  { title: 'Per hour', render: r => formatMoney(r.perHour) },
  {
    title: 'Source',
    render: r =>
      /^https?:/.test(r.source.page) ? (
        <Link to={r.source.page}>{r.source.page}</Link>
      ) : (
        r.source.page
      ),
  },
  {
    title: 'Read',
    render: r =>
      [
        r.source.date ?? 'no date',
        r.source.region ? `region ${r.source.region}` : '',
        r.source.copyOf ? `copy of ${r.source.copyOf}` : '',
        r.source.note ?? '',
      ]
        .filter(Boolean)
        .join('; '),
  },
];

/** The rates an estimate used: what each part costs per hour, and the page and date it was read from. */
export const RatesTable = ({ rates }: { rates: RateLine[] }) => (
  <Table
    title="Rates and their sources"
    options={{ search: false, paging: false, padding: 'dense' }}
    columns={columns}
    data={rates}
    emptyContent={
      <div style={{ padding: 16 }}>No part of this instance has a rate.</div>
    }
  />
);
