import { Table, TableColumn } from '@backstage/core-components';
import Radio from '@material-ui/core/Radio';
import { ConfigVersion } from '@internal/plugin-sindri-common';
import { formatAgo } from '../common/format';
import { OperationStateLabel } from '../InstanceLifecycleCard/OperationStateLabel';

/** Every stored version: who stored it, when, and how the operation that applied it ended; two picked for the diff. */
export const ConfigHistoryTable = ({
  versions,
  left,
  right,
  onPick,
}: {
  versions: ConfigVersion[];
  left?: number;
  right?: number;
  onPick: (side: 'left' | 'right', version: number) => void;
}) => {
  const columns: TableColumn<ConfigVersion>[] = [
    {
      title: 'Version',
      render: v => `${v.version}${v.current ? ' (declared now)' : ''}`,
    },
    { title: 'By', field: 'createdBy' },
    { title: 'Stored', render: v => formatAgo(v.createdAt) },
    {
      title: 'Applied by',
      render: v =>
        v.operation ? (
          <>
            {v.operation.kind} <OperationStateLabel state={v.operation.state} />
          </>
        ) : (
          'no operation recorded'
        ),
    },
    {
      title: 'Diff from',
      render: v => (
        <Radio
          checked={left === v.version}
          onChange={() => onPick('left', v.version)}
          inputProps={{ 'aria-label': `diff from version ${v.version}` }}
        />
      ),
    },
    {
      title: 'Diff to',
      render: v => (
        <Radio
          checked={right === v.version}
          onChange={() => onPick('right', v.version)}
          inputProps={{ 'aria-label': `diff to version ${v.version}` }}
        />
      ),
    },
  ];
  return (
    <Table
      title="History"
      options={{
        search: false,
        paging: versions.length > 10,
        pageSize: 10,
        padding: 'dense',
      }}
      columns={columns}
      data={versions}
    />
  );
};
