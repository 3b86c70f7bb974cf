import { useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CommandRequest } from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { CommandTargetPreview, sindriApiRef } from '../../api/SindriApi';

export interface TargetPreviewState {
  items?: CommandTargetPreview[];
  error?: Error;
  loading: boolean;
}

/** The instances a target selects (asked of the backend, debounced), and which of them the user may not run commands on. */
export function useTargetPreview(
  target: CommandRequest['target'] | undefined,
): TargetPreviewState {
  const api = useApi(sindriApiRef);
  const key = target ? JSON.stringify(target) : '';
  const [debounced, setDebounced] = useState(key);
  useDebounce(() => setDebounced(key), 400, [key]);
  const { value, error, loading } = useAsync(
    async () =>
      debounced ? api.previewCommandTargets(JSON.parse(debounced)) : undefined,
    [api, debounced],
  );
  return {
    items: debounced === key ? value : undefined,
    error: debounced === key ? error : undefined,
    loading: loading || debounced !== key,
  };
}

export const TargetPreview = ({ preview }: { preview: TargetPreviewState }) => {
  if (preview.loading) return <Progress />;
  if (preview.error) {
    return (
      <Typography variant="body2" color="error">
        No preview: {preview.error.message}
      </Typography>
    );
  }
  if (!preview.items) return null;
  const denied = preview.items.filter(i => !i.permitted).length;
  return (
    <Box mt={1}>
      <Typography variant="body2" gutterBottom>
        {preview.items.length} instance{preview.items.length === 1 ? '' : 's'}{' '}
        selected
        {denied
          ? `; you may not run commands on ${denied} of them (they will be recorded as denied)`
          : ''}
        .
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
        {preview.items.map(item => (
          <Chip
            key={item.name}
            size="small"
            variant={item.permitted ? 'default' : 'outlined'}
            label={item.permitted ? item.name : `${item.name}: not permitted`}
          />
        ))}
      </Box>
    </Box>
  );
};
