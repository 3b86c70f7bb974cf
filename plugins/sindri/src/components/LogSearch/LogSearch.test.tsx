import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi } from '../../__testUtils__/fixtures';
import { LogSearch } from './LogSearch';

jest.setTimeout(30_000);

const line = {
  id: '42',
  instance: 'dev-1',
  at: '2026-12-01T12:00:00.000Z',
  source: '/home/dev/.sindri/logs/python.log',
  level: 'error' as const,
  text: 'ERROR pip install failed',
  highlights: [
    [6, 9],
    [18, 24],
  ],
};

async function render(
  api: ReturnType<typeof mockSindriApi>,
  instance?: string,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <LogSearch instance={instance} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('LogSearch', () => {
  it("searches the fleet's lines by their words and marks them, linking each to its instance's Logs tab", async () => {
    const search = jest
      .fn()
      .mockResolvedValueOnce({ items: [] })
      .mockResolvedValue({ items: [line] });
    const api = mockSindriApi();
    api.logs.search = search;
    await render(api);
    expect(
      await screen.findByText(/No log line has been shipped yet/),
    ).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Search (every word)'), {
      target: { value: 'pip failed' },
    });
    await waitFor(() =>
      expect(search).toHaveBeenLastCalledWith(
        expect.objectContaining({ text: 'pip failed', limit: 100 }),
      ),
    );
    const marks = await screen.findAllByText(/^(pip|failed)$/, {
      selector: 'mark',
    });
    expect(marks.map(m => m.textContent)).toEqual(['pip', 'failed']);
    expect(screen.getByRole('link', { name: 'dev-1' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/dev-1/logs',
    );
  });

  it("shows one instance's lines, and says when a search matches none", async () => {
    const api = mockSindriApi();
    api.logs.forInstance = jest.fn().mockResolvedValue({ items: [] });
    await render(api, 'dev-1');
    fireEvent.change(await screen.findByLabelText('Search (every word)'), {
      target: { value: 'nothing' },
    });
    await waitFor(() =>
      expect(screen.getByText('No stored line matches.')).toBeInTheDocument(),
    );
    expect(api.logs.forInstance).toHaveBeenLastCalledWith(
      'dev-1',
      expect.objectContaining({ text: 'nothing' }),
    );
  });
});
