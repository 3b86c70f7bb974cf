import { InfoCard, Link, Table } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

export interface RankedRow {
  instance: string;
  value: string;
  detail?: string;
}

/** Instances ranked by one figure, each linked to its page. */
export const RankedInstances = (props: {
  title: string;
  source: string;
  rows: RankedRow[];
  valueTitle: string;
  instanceUrl: (name: string) => string;
  empty: string;
}) => (
  <InfoCard title={props.title} subheader={props.source}>
    {props.rows.length === 0 ? (
      <Typography color="textSecondary">{props.empty}</Typography>
    ) : (
      <Table<RankedRow>
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        data={props.rows}
        columns={[
          {
            title: 'Instance',
            render: r => (
              <Link to={props.instanceUrl(r.instance)}>{r.instance}</Link>
            ),
          },
          { title: props.valueTitle, field: 'value' },
          { title: '', field: 'detail' },
        ]}
      />
    )}
  </InfoCard>
);
