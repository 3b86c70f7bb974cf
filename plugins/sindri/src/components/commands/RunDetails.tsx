import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { sindriApiRef } from '../../api/SindriApi';
import { CommandResultsTable } from './CommandResultsTable';

/** The results of a run from the history, fetched when expanded (refreshed while it runs). */
export const RunDetails = ({ id }: { id: string }) => {
  const api = useApi(sindriApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getCommand(id),
    [api, id],
  );
  useInterval(retry, value?.state === 'running' ? 3000 : null);

  return (
    <Box px={2} pb={2}>
      {loading && !value && <Progress />}
      {error && !value && <ResponseErrorPanel error={error} />}
      {value && <CommandResultsTable results={value.results ?? []} />}
    </Box>
  );
};
