import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Sindri Fleet Portal

Cloud development environments defined by \`sindri.yaml\`, visible in one place.

- **[Sindri](/sindri)**: the instances of the fleet, with their status, provider and region
- **[Catalog](/catalog?filters[kind]=component&filters[type]=sindri-extension&filters[user]=all)**:
  the Sindri extensions and what each depends on
- **[Catalog Graph](/catalog-graph)**: extension dependency chains

The repository's README explains how to add an instance and how to configure the portal.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting Started',
    description: 'Where to find the Sindri fleet in this portal',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
