import { useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AlertChannel,
  AlertRule,
  AlertRuleInput,
} from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { sindriApiRef } from '../../api/SindriApi';
import {
  describeCondition,
  describeScope,
  SEVERITY_LABEL,
} from './alertLabels';
import { NEW_RULE, RuleDialog } from './RuleDialog';

const inputOf = ({
  id,
  builtin,
  updatedAt,
  updatedBy,
  ...input
}: AlertRule): AlertRuleInput => input;

/** The rules; admins and operators add, edit and remove them. */
export const RuleTable = ({
  rules,
  channels,
  canManage,
  onChange,
}: {
  rules: AlertRule[];
  channels: AlertChannel[];
  canManage: boolean;
  onChange(): void;
}) => {
  const api = useApi(sindriApiRef);
  const [editing, setEditing] = useState<AlertRule | 'new'>();
  const channelName = (id: string) =>
    channels.find(c => c.id === id)?.name ?? id;
  const columns: TableColumn<AlertRule>[] = [
    { title: 'Rule', field: 'name' },
    { title: 'Condition', render: r => describeCondition(r.condition) },
    { title: 'Watches', render: r => describeScope(r.scope, r.condition) },
    { title: 'Severity', render: r => SEVERITY_LABEL[r.severity] },
    {
      title: 'Sends to',
      render: r =>
        [
          ...(r.notifyOwners ? ['owners'] : []),
          ...r.channels.map(channelName),
        ].join(', ') || 'nowhere (shown here only)',
    },
    { title: 'Enabled', render: r => (r.enabled ? 'yes' : 'no') },
    ...(canManage
      ? [
          {
            title: '',
            render: (r: AlertRule) => (
              <>
                <Button size="small" onClick={() => setEditing(r)}>
                  Edit
                </Button>
                <Button
                  size="small"
                  onClick={() => api.alerts.deleteRule(r.id).then(onChange)}
                >
                  Remove
                </Button>
              </>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {canManage && (
        <Box display="flex" justifyContent="flex-end">
          <Button color="primary" onClick={() => setEditing('new')}>
            Add rule
          </Button>
        </Box>
      )}
      <Table<AlertRule>
        title="Rules"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={rules}
      />
      {editing && (
        <RuleDialog
          title={editing === 'new' ? 'Add a rule' : `Edit ${editing.name}`}
          initial={editing === 'new' ? NEW_RULE : inputOf(editing)}
          channels={channels}
          onSave={async input => {
            if (editing === 'new') await api.alerts.createRule(input);
            else await api.alerts.updateRule(editing.id, input);
            onChange();
          }}
          onClose={() => setEditing(undefined)}
        />
      )}
    </>
  );
};
