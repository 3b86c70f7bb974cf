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

  it('follows: lines that arrive after the newest shown appear on top, and the tail stops when switched off', async () => {
    const api = mockSindriApi();
    api.logs.forInstance = jest.fn().mockResolvedValue({ items: [line] });
    let release: () => void = () => {};
    const arrived = new Promise<void>(r => {
      release = r;
    });
    let stopped = false;
    api.logs.tail = jest.fn(async function* follow(_query, signal) {
      await arrived;
      yield [
        { ...line, id: '43', text: 'second new line', highlights: undefined },
        { ...line, id: '44', text: 'third new line', highlights: undefined },
      ];
      await new Promise(r => signal.addEventListener('abort', r));
      stopped = true;
    }) as any;
    await render(api, 'dev-1');
    await screen.findByText('pip');
    expect(api.logs.tail).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText('Follow'));
    await waitFor(() =>
      expect(api.logs.tail).toHaveBeenCalledWith(
        expect.objectContaining({ instance: 'dev-1', after: '42' }),
        expect.anything(),
      ),
    );
    release();
    const third = await screen.findByText('third new line');
    const second = screen.getByText('second new line');
    // newest first, above the stored lines
    expect(
      third.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      second.compareDocumentPosition(screen.getByText('pip')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    fireEvent.click(screen.getByLabelText('Follow'));
    await waitFor(() => expect(stopped).toBe(true));
    expect(screen.queryByText('third new line')).not.toBeInTheDocument();
  });
});
