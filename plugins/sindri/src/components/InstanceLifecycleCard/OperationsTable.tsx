import { Table, TableColumn } from '@backstage/core-components';
import {
  LifecycleOperation,
  sindriInstanceAuditReadPermission,
} from '@internal/plugin-sindri-common';
import { formatAgo } from '../common/format';
import { OperationStateLabel } from './OperationStateLabel';

const columns: TableColumn<LifecycleOperation>[] = [
  { title: 'Operation', field: 'kind' },
  { title: 'State', render: op => <OperationStateLabel state={op.state} /> },
  { title: 'By', field: 'actor' },
  { title: 'Started', render: op => formatAgo(op.startedAt) },
  {
    title: 'Message',
    render: op =>
      op.logHidden
        ? `shown to ${op.actor} and to ${sindriInstanceAuditReadPermission.name}`
        : op.message ?? '',
  },
];

/** The audit log of the instance's deploy and lifecycle operations. */
export const OperationsTable = ({
  operations,
}: {
  operations: LifecycleOperation[];
}) => (
  <Table
    title="Operations"
    options={{
      search: false,
      paging: operations.length > 10,
      pageSize: 10,
      padding: 'dense',
      toolbar: true,
    }}
    columns={columns}
    data={operations}
    emptyContent={<div style={{ padding: 16 }}>No operations yet.</div>}
  />
);
