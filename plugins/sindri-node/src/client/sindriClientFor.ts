import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { SindriHttpClient } from '@internal/plugin-sindri-common';

/**
 * The shared Sindri client for a backend plugin or module, sending every
 * request with a token on behalf of `credentials` (a user's, so the Sindri
 * backend checks that user's permissions) or of the calling plugin itself.
 *
 * @public
 */
export function sindriClientFor(
  deps: { discovery: DiscoveryService; auth: AuthService },
  credentials: BackstageCredentials | 'own service',
): SindriHttpClient {
  const { discovery, auth } = deps;
  return new SindriHttpClient({
    baseUrl: () => discovery.getBaseUrl('sindri'),
    fetch: async (url, init) => {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf:
          credentials === 'own service'
            ? await auth.getOwnServiceCredentials()
            : credentials,
        targetPluginId: 'sindri',
      });
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return fetch(url, { ...init, headers });
    },
  });
}
