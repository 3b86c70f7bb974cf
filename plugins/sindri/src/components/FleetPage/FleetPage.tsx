import { Content, Header, Page } from '@backstage/core-components';
import { InstanceTable } from './InstanceTable';

export const FleetPage = () => (
  <Page themeId="tool">
    <Header
      title="Sindri fleet"
      subtitle="Cloud development environments registered with this portal"
    />
    <Content>
      <InstanceTable />
    </Content>
  </Page>
);
