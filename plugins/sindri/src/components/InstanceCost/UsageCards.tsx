import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';
import { IdleCard } from './IdleCard';
import { RightSizingCard } from './RightSizingCard';

/** The Cost tab's idle and right-sizing cards. */
export const UsageCards = ({ name }: { name: string }) => {
  const api = useApi(sindriApiRef);
  const { value, loading, error } = useAsync(
    () => api.cost.usage(name),
    [api, name],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <IdleCard name={name} idle={value.idle} />
      </Grid>
      <Grid item xs={12} md={5}>
        <RightSizingCard sizing={value.rightSizing} />
      </Grid>
    </Grid>
  );
};
