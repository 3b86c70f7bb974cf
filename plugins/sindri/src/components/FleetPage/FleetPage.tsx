import { Content, Header, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { InstanceTable } from './InstanceTable';
import { RunCommandButton } from './RunCommandButton';

export const FleetPage = () => (
  <Page themeId="tool">
    <Header
      title="Sindri fleet"
      subtitle="Cloud development environments registered with this portal"
    />
    <Content>
      <Box display="flex" justifyContent="flex-end" mb={2}>
        <RunCommandButton />
      </Box>
      <InstanceTable />
    </Content>
  </Page>
);
