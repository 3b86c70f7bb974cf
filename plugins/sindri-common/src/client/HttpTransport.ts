import { readNdjson } from './readNdjson';
import { readServerSentEvents } from './readServerSentEvents';
import { errorFromResponse } from './SindriRequestError';

/** How a client reaches the backend: the frontend passes its fetchApi, a backend module a fetch that adds the caller's token. */
export interface SindriHttpClientOptions {
  /** the plugin's base URL, e.g. from the discovery service */
  baseUrl(): Promise<string>;
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

/** `?a=1&b=2` of the defined, non-empty values; empty without any. */
export function search(query: Record<string, unknown>): string {
  // percent-encoded throughout: the backend's spec validator refuses a `+` for a space
  const text = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`,
    )
    .join('&');
  return text ? `?${text}` : '';
}

/** One request path for every client: the caller's fetch, JSON bodies, errors as SindriRequestError, NDJSON streams. */
export class HttpTransport {
  constructor(private readonly options: SindriHttpClientOptions) {}

  async *stream<T>(path: string, signal?: AbortSignal) {
    const response = await this.send('GET', path, undefined, signal);
    if (!response.body)
      throw new Error('This runtime gave no access to the streamed response');
    yield* readNdjson<T>(response.body);
  }

  /** A `text/event-stream` response's events; `lastEventId` resumes a broken stream. */
  async *events(path: string, signal?: AbortSignal, lastEventId?: string) {
    const response = await this.send('GET', path, undefined, signal, {
      Accept: 'text/event-stream',
      ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
    });
    if (!response.body)
      throw new Error('This runtime gave no access to the streamed response');
    yield* readServerSentEvents(response.body);
  }

  async json<T>(method: string, path: string, body?: unknown) {
    const response = await this.send(method, path, body);
    return (await response.json()) as T;
  }

  async send(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const response = await this.options.fetch(
      `${await this.options.baseUrl()}${path}`,
      {
        method,
        signal,
        ...(body === undefined
          ? { headers }
          : {
              headers: { ...headers, 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            }),
      },
    );
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }
}
