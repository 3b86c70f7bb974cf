import { useState } from 'react';
import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  BudgetStatus,
  formatMoney,
  sindriBudgetManagePermission,
} from '@internal/plugin-sindri-common';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sindriApiRef } from '../../api/SindriApi';
import { BudgetDialog, ENFORCEMENT_LABEL } from './BudgetDialog';

/**
 * Owner groups' monthly budgets: what each has spent this month, where it is
 * projected to end, and what is left. Members see their groups'; budget
 * managers see and set every group's.
 */
export const BudgetsCard = () => {
  const api = useApi(sindriApiRef);
  const { allowed: canManage } = usePermission({
    permission: sindriBudgetManagePermission,
  });
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.budgets.list(),
    [api],
  );
  const [editing, setEditing] = useState<BudgetStatus | 'new'>();
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const withBudget = new Set(value.items.map(b => b.group));
  const without = value.myGroups.filter(g => !withBudget.has(g));
  const columns: TableColumn<BudgetStatus>[] = [
    {
      title: 'Group',
      render: b => <EntityRefLink entityRef={b.group} defaultKind="group" />,
    },
    { title: 'Month', field: 'month' },
    { title: 'Budget', render: b => formatMoney(b.monthlyUsd) },
    {
      title: 'Spent',
      render: b => (
        <>
          {formatMoney(b.spent)} ({b.percentSpent.toFixed(0)} %)
          <LinearProgress
            variant="determinate"
            color={b.percentSpent >= 100 ? 'secondary' : 'primary'}
            value={Math.min(100, b.percentSpent)}
          />
        </>
      ),
    },
    { title: 'Projected at month end', render: b => formatMoney(b.projected) },
    {
      title: 'Remaining',
      render: b =>
        b.remaining >= 0
          ? formatMoney(b.remaining)
          : `over by ${formatMoney(-b.remaining)}`,
    },
    { title: 'Enforcement', render: b => ENFORCEMENT_LABEL[b.enforcement] },
    { title: 'Instances', field: 'instances' },
    {
      title: 'Not priced',
      render: b => (b.missing.length ? b.missing.join('; ') : 'all priced'),
    },
    ...(canManage
      ? [
          {
            title: '',
            render: (b: BudgetStatus) => (
              <Button size="small" onClick={() => setEditing(b)}>
                Change
              </Button>
            ),
          },
        ]
      : []),
  ];
  let emptyText = 'You belong to no group: budgets are set per owner group.';
  if (canManage) emptyText = 'No group has a budget.';
  else if (value.myGroups.length)
    emptyText = `No budget is set for your groups (${value.myGroups.join(
      ', ',
    )}).`;
  return (
    <>
      <Table
        title="Budgets this month"
        subtitle={
          value.items[0]
            ? `Spend is ${value.items[0].source.description}; the projection keeps each instance in its current status.`
            : undefined
        }
        options={{ search: false, paging: false, padding: 'dense' }}
        columns={columns}
        data={value.items}
        actions={
          canManage
            ? [
                {
                  icon: () => <span>Set a budget</span>,
                  isFreeAction: true,
                  tooltip: 'Set a budget for an owner group',
                  onClick: () => setEditing('new'),
                },
              ]
            : []
        }
        emptyContent={
          <Typography style={{ padding: 16 }}>{emptyText}</Typography>
        }
      />
      {value.items.length > 0 && without.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          No budget is set for {without.join(', ')}.
        </Typography>
      )}
      {editing && (
        <BudgetDialog
          group={editing === 'new' ? undefined : editing.group}
          initial={editing === 'new' ? undefined : editing}
          onSave={(group, input) => api.budgets.set(group, input).then(retry)}
          onClose={() => setEditing(undefined)}
        />
      )}
    </>
  );
};
