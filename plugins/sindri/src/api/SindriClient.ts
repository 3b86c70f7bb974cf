import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { SindriHttpClient } from '@internal/plugin-sindri-common';
import { SindriApi, TerminalSocketRequest } from './SindriApi';
import { UserCookie } from './UserCookie';

const enc = encodeURIComponent;

/** SindriApi over HTTP with the signed-in user's credentials: the shared client, plus the browser's terminal sockets. */
export class SindriClient extends SindriHttpClient implements SindriApi {
  private readonly cookie: UserCookie;

  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {
    super({
      baseUrl: () => deps.discoveryApi.getBaseUrl('sindri'),
      fetch: (url, init) => deps.fetchApi.fetch(url, init),
    });
    this.cookie = new UserCookie(deps.fetchApi);
  }

  async getTerminalSocketUrl(request: TerminalSocketRequest): Promise<string> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('sindri');
    await this.cookie.ensure(baseUrl);
    const url = new URL(
      `${baseUrl}/instances/${enc(request.instance)}/terminal/${enc(
        request.session,
      )}`,
      window.location.href,
    );
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('cols', String(request.cols));
    url.searchParams.set('rows', String(request.rows));
    return url.toString();
  }
}
