import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { AlertsPage } from '../Alerts';
import { EventTimeline } from '../EventTimeline';
import { FleetCostContent } from '../FleetCost';
import { FleetSecurityContent } from '../FleetSecurity';
import { ExtensionsPage } from '../ExtensionsPage';
import { LogSearch } from '../LogSearch';
import { FleetOverview } from '../FleetOverview';
import { InstanceSwitcher } from './InstanceSwitcher';
import { InstanceTable } from './InstanceTable';
import { RunCommandButton } from './RunCommandButton';

/** The Sindri page: the fleet at a glance, its instances, its alerts and its activity. */
export const FleetPage = () => (
  <Page themeId="tool">
    <Header
      title="Sindri fleet"
      subtitle="Cloud development environments registered with this portal"
    >
      <InstanceSwitcher />
    </Header>
    <Content>
      <Box display="flex" justifyContent="flex-end" mb={2}>
        <RunCommandButton />
      </Box>
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Overview">
          <FleetOverview />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/instances" title="Instances">
          <InstanceTable />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/alerts" title="Alerts">
          <AlertsPage />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/activity" title="Activity">
          <EventTimeline />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/logs" title="Logs">
          <LogSearch />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/extensions" title="Extensions">
          <ExtensionsPage />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/cost" title="Cost">
          <FleetCostContent />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/security" title="Security">
          <FleetSecurityContent />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Content>
  </Page>
);
