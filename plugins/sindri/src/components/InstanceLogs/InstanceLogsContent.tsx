import { useEntity } from '@backstage/plugin-catalog-react';
import { LogSearch } from '../LogSearch';

/** The "Logs" tab of an instance: a search of its shipped lines. */
export const InstanceLogsContent = () => {
  const { entity } = useEntity();
  return <LogSearch instance={entity.metadata.name} />;
};
