import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi } from '../../__testUtils__/fixtures';
import { ExtensionsPage } from './ExtensionsPage';

const renderPage = () =>
  renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, mockSindriApi()]]}>
      <ExtensionsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

const node = (name: string) => screen.getByTestId(`extension-node-${name}`);

describe('ExtensionsPage', () => {
  it('draws every extension, coloured by category, each linking to its entity', async () => {
    await renderPage();
    expect(
      await screen.findByTestId('extension-node-agent-browser'),
    ).toBeInTheDocument();
    expect(
      document.querySelectorAll('[data-testid^=extension-node-]'),
    ).toHaveLength(6);
    // jsdom lays nothing out, so React Flow keeps the nodes hidden from the accessibility tree
    expect(
      within(node('playwright')).getByText('playwright').closest('a'),
    ).toHaveAttribute('href', '/catalog/sindri/component/playwright');
    expect(
      screen.getByText(
        /6 extensions, 5 dependencies, from the Sindri registry 3.0.0/,
      ),
    ).toBeInTheDocument();
    // one legend entry per category
    for (const category of [
      'ai-agents',
      'devops',
      'languages',
      'package-manager',
      'testing',
    ])
      expect(screen.getByText(category)).toBeInTheDocument();
  });

  it('lights up what the selected extension needs and what needs it, and dims the rest', async () => {
    await renderPage();
    fireEvent.click(await screen.findByTestId('extension-node-nodejs'));

    expect(node('nodejs')).toHaveAttribute('data-role', 'selected');
    expect(node('mise-config')).toHaveAttribute('data-role', 'dependency');
    expect(node('playwright')).toHaveAttribute('data-role', 'dependant');
    expect(node('agent-browser')).toHaveAttribute('data-role', 'dependant');
    expect(node('python')).toHaveAttribute('data-role', 'dimmed');
    expect(node('docker')).toHaveAttribute('data-role', 'dimmed');
    const details = screen.getByTestId('extension-details');
    expect(details).toHaveTextContent('Needs (1): mise-config');
    expect(details).toHaveTextContent(
      'Needed by (2): agent-browser, playwright',
    );
    expect(details).toHaveTextContent('Used by 5 instances you may read');

    fireEvent.click(node('agent-browser'));
    expect(node('agent-browser')).toHaveAttribute('data-role', 'selected');
    for (const name of ['playwright', 'nodejs', 'mise-config'])
      expect(node(name)).toHaveAttribute('data-role', 'dependency');
    expect(screen.getByTestId('extension-details')).toHaveTextContent(
      'Its extension.yaml says: 200 MB disk, 512 MB memory; about 120 s to install; reaches registry.npmjs.org',
    );
    expect(screen.getByTestId('extension-details')).toHaveTextContent(
      'Installs took 95 s on average, 130 s at p95, on 2 instances',
    );
    fireEvent.click(node('docker'));
    expect(screen.getByTestId('extension-details')).toHaveTextContent(
      'No instance you may read has reported how long its install took',
    );
  });

  it('marks the extensions whose names hold the search text', async () => {
    await renderPage();
    await screen.findByTestId('extension-node-playwright');
    fireEvent.change(screen.getByLabelText('Find an extension'), {
      target: { value: 'PLAY' },
    });
    expect(node('playwright')).toHaveAttribute('data-matched', 'true');
    expect(node('agent-browser')).toHaveAttribute('data-matched', 'false');
  });
});
