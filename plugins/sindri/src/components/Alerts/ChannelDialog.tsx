import { useState } from 'react';
import {
  ALERT_CHANNEL_TYPES,
  AlertChannel,
  AlertChannelInput,
  AlertChannelType,
} from '@internal/plugin-sindri-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { SaveDialog } from './SaveDialog';
import Typography from '@material-ui/core/Typography';

const FIELDS: Record<
  AlertChannelType,
  { url?: string; secret: string; help: string }
> = {
  webhook: {
    url: 'URL',
    secret: 'Signing key',
    help: 'A JSON POST signed with HMAC-SHA256 in the X-Sindri-Signature header (t=<unix time>,v1=<hex of "t.body">).',
  },
  slack: {
    secret: 'Incoming webhook URL',
    help: 'A Slack incoming webhook: its URL is the secret, so it is never shown back.',
  },
  pagerduty: {
    url: 'Events API URL (optional)',
    secret: 'Routing key',
    help: 'PagerDuty Events API v2: a trigger when an alert fires, a resolve with the same dedup key when it resolves.',
  },
};

/** A channel's form: the secret is write-only (left empty, an update keeps the stored one). */
export const ChannelDialog = ({
  existing,
  onSave,
  onClose,
}: {
  existing?: AlertChannel;
  onSave(channel: AlertChannelInput): Promise<unknown>;
  onClose(): void;
}) => {
  const [channel, setChannel] = useState<AlertChannelInput>({
    name: existing?.name ?? '',
    type: existing?.type ?? 'webhook',
    url: existing?.url,
  });
  const fields = FIELDS[channel.type];
  const set = (change: Partial<AlertChannelInput>) =>
    setChannel(c => ({ ...c, ...change }));
  return (
    <SaveDialog
      title={existing ? `Edit ${existing.name}` : 'Add a channel'}
      onSave={() => onSave(channel)}
      onClose={onClose}
    >
      <TextField
        id="alert-channel-1"
        label="Name"
        fullWidth
        margin="dense"
        value={channel.name}
        onChange={e => set({ name: e.target.value })}
      />
      <TextField
        id="alert-channel-2"
        select
        label="Type"
        fullWidth
        margin="dense"
        value={channel.type}
        onChange={e =>
          set({ type: e.target.value as AlertChannelType, url: undefined })
        }
      >
        {ALERT_CHANNEL_TYPES.map(t => (
          <MenuItem key={t} value={t}>
            {t}
          </MenuItem>
        ))}
      </TextField>
      <Typography variant="body2" color="textSecondary">
        {fields.help}
      </Typography>
      {fields.url && (
        <TextField
          id="alert-channel-3"
          label={fields.url}
          fullWidth
          margin="dense"
          value={channel.url ?? ''}
          onChange={e => set({ url: e.target.value || undefined })}
        />
      )}
      <TextField
        id="alert-channel-4"
        label={fields.secret}
        type="password"
        autoComplete="off"
        fullWidth
        margin="dense"
        placeholder={
          existing?.secretSet ? 'stored; leave empty to keep it' : ''
        }
        value={channel.secret ?? ''}
        onChange={e => set({ secret: e.target.value || undefined })}
      />
    </SaveDialog>
  );
};
