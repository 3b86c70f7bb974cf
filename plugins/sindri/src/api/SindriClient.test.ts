import { SindriClient } from './SindriClient';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

function streamed(...chunks: string[]) {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        chunks.forEach(chunk => controller.enqueue(encoder.encode(chunk)));
        controller.close();
      },
    }),
    { headers: { 'Content-Type': 'application/x-ndjson' } },
  );
}

function clientWith(
  respond: (url: string, init?: RequestInit) => Response | Promise<Response>,
  baseUrl = 'http://portal.test:7007/api/sindri',
) {
  const fetch = jest.fn(async (url: string, init?: RequestInit) =>
    respond(url, init),
  );
  return {
    client: new SindriClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch: fetch as any },
    }),
    fetch,
  };
}

describe('SindriClient', () => {
  it('percent-encodes query values (a space is %20, which the spec validator takes; + it refuses)', async () => {
    const { client, fetch } = clientWith(() => json({ items: [] }));
    await client.logs.search({ text: 'pip failed', levels: ['error', 'warn'] });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://portal.test:7007/api/sindri/logs?q=pip%20failed&level=error%2Cwarn',
    );
  });

  it('reads the command stream line by line, even when lines are split across chunks', async () => {
    const { client, fetch } = clientWith(() =>
      streamed(
        '{"type":"output","instance":"a","stream":"stdout","data":"he',
        'llo\\n"}\n\n{"type":"result","result":{"instance":"a"}}\n{"type":"done","run":{"id":"r"}}',
      ),
    );
    const signal = new AbortController().signal;
    const events = [];
    for await (const event of client.streamCommand('r-1', { signal }))
      events.push(event);

    expect(events).toEqual([
      { type: 'output', instance: 'a', stream: 'stdout', data: 'hello\n' },
      { type: 'result', result: { instance: 'a' } },
      { type: 'done', run: { id: 'r' } },
    ]);
    expect(fetch).toHaveBeenCalledWith(
      'http://portal.test:7007/api/sindri/commands/r-1/stream',
      expect.objectContaining({ method: 'GET', signal }),
    );
  });

  it('fails on a stream line that is not JSON', async () => {
    const { client } = clientWith(() =>
      streamed('{"type":"snapshot","run":{}}\n<html>\n'),
    );
    const read = async () => {
      for await (const _ of client.streamCommand('r-1')) {
        // consume
      }
    };
    await expect(read()).rejects.toThrow(
      'The stream sent a line that is not JSON: <html>',
    );
  });

  it("posts runs as JSON and throws the backend's error message", async () => {
    const { client, fetch } = clientWith(() =>
      json(
        {
          error: {
            name: 'NotAllowedError',
            message:
              'not permitted: sindri.instance.command on any selected instance',
          },
        },
        403,
      ),
    );
    const request = {
      target: { instances: ['dev-a'] },
      command: { argv: ['id'] },
    };

    await expect(client.runCommand(request)).rejects.toMatchObject({
      name: 'NotAllowedError',
      statusCode: 403,
      message:
        'not permitted: sindri.instance.command on any selected instance',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://portal.test:7007/api/sindri/commands',
      {
        method: 'POST',
        signal: undefined,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      },
    );
  });

  it('says which status failed when the error is not JSON', async () => {
    const { client } = clientWith(
      () =>
        new Response('<html>bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
        }),
    );
    await expect(client.getCommand('r-1')).rejects.toThrow(
      'Request failed with 502 Bad Gateway',
    );
  });

  it('queries the history with only the given filters', async () => {
    const { client, fetch } = clientWith(() => json({ items: [] }));
    await client.listCommands({
      instance: 'dev-a',
      state: 'done',
      createdBy: undefined,
      limit: 20,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://portal.test:7007/api/sindri/commands?instance=dev-a&state=done&limit=20',
    );
  });

  it('issues the user cookie before giving a terminal URL, and refreshes it only near its expiry', async () => {
    let expiresAt = Date.now() + 60 * 60_000;
    const { client, fetch } = clientWith(() =>
      json({ expiresAt: new Date(expiresAt).toISOString() }),
    );

    const url = await client.getTerminalSocketUrl({
      instance: 'dev-a',
      session: 's-12345678',
      cols: 120,
      rows: 40,
    });
    expect(url).toBe(
      'ws://portal.test:7007/api/sindri/instances/dev-a/terminal/s-12345678?cols=120&rows=40',
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://portal.test:7007/api/sindri/.backstage/auth/v1/cookie',
      { credentials: 'include' },
    );

    await client.getTerminalSocketUrl({
      instance: 'dev-a',
      session: 's-12345678',
      cols: 80,
      rows: 24,
    });
    expect(fetch).toHaveBeenCalledTimes(1);

    expiresAt = Date.now() + 30_000;
    const soon = clientWith(() =>
      json({ expiresAt: new Date(expiresAt).toISOString() }),
    );
    await soon.client.getTerminalSocketUrl({
      instance: 'dev-a',
      session: 's-12345678',
      cols: 80,
      rows: 24,
    });
    await soon.client.getTerminalSocketUrl({
      instance: 'dev-a',
      session: 's-12345678',
      cols: 80,
      rows: 24,
    });
    expect(soon.fetch).toHaveBeenCalledTimes(2);
  });

  it('uses wss:// behind https and reports a cookie that could not be issued', async () => {
    const ok = clientWith(
      () => json({ expiresAt: new Date(Date.now() + 3600_000).toISOString() }),
      'https://portal.example.com/api/sindri',
    );
    expect(
      await ok.client.getTerminalSocketUrl({
        instance: 'dev-a',
        session: 's-12345678',
        cols: 80,
        rows: 24,
      }),
    ).toMatch(
      /^wss:\/\/portal\.example\.com\/api\/sindri\/instances\/dev-a\/terminal\/s-12345678\?/,
    );

    const failing = clientWith(() =>
      json(
        { error: { name: 'AuthenticationError', message: 'no user token' } },
        401,
      ),
    );
    await expect(
      failing.client.getTerminalSocketUrl({
        instance: 'dev-a',
        session: 's-12345678',
        cols: 80,
        rows: 24,
      }),
    ).rejects.toThrow(
      'Could not get the sign-in cookie for the terminal: no user token',
    );
  });
});
