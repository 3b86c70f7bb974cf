import { useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { AlertChannel } from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { sindriApiRef } from '../../api/SindriApi';
import { formatAgo } from '../common/format';
import { ChannelDialog } from './ChannelDialog';

/** Where alerts can be sent; secrets are never shown, only whether one is stored. */
export const ChannelTable = ({
  channels,
  onChange,
}: {
  channels: AlertChannel[];
  onChange(): void;
}) => {
  const api = useApi(sindriApiRef);
  const [editing, setEditing] = useState<AlertChannel | 'new'>();
  const columns: TableColumn<AlertChannel>[] = [
    { title: 'Channel', field: 'name' },
    { title: 'Type', field: 'type' },
    {
      title: 'Endpoint',
      render: c =>
        c.url ??
        (c.type === 'slack'
          ? 'the stored webhook URL'
          : 'PagerDuty Events API v2'),
    },
    {
      title: 'Secret',
      render: c => (c.secretSet ? 'stored (encrypted)' : 'none'),
    },
    {
      title: 'Changed',
      render: c =>
        `${formatAgo(c.updatedAt)}${c.updatedBy ? ` by ${c.updatedBy}` : ''}`,
    },
    {
      title: '',
      render: c => (
        <>
          <Button size="small" onClick={() => setEditing(c)}>
            Edit
          </Button>
          <Button
            size="small"
            onClick={() => api.alerts.deleteChannel(c.id).then(onChange)}
          >
            Remove
          </Button>
        </>
      ),
    },
  ];
  return (
    <>
      <Box display="flex" justifyContent="flex-end">
        <Button color="primary" onClick={() => setEditing('new')}>
          Add channel
        </Button>
      </Box>
      <Table<AlertChannel>
        title="Channels"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={channels}
      />
      {editing && (
        <ChannelDialog
          existing={editing === 'new' ? undefined : editing}
          onSave={async input => {
            if (editing === 'new') await api.alerts.createChannel(input);
            else await api.alerts.updateChannel(editing.id, input);
            onChange();
          }}
          onClose={() => setEditing(undefined)}
        />
      )}
    </>
  );
};
