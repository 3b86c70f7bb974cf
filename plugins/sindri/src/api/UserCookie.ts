import { FetchApi } from '@backstage/core-plugin-api';
import { errorFromResponse } from '@internal/plugin-sindri-common';

/** Refresh the cookie when it has less than this left: a socket opening needs a valid one. */
const REFRESH_MARGIN_MS = 2 * 60_000;

/**
 * The Backstage user cookie of the sindri backend. Browsers cannot put an
 * Authorization header on a WebSocket, so the terminal socket is authenticated
 * with this cookie, issued by the backend's `/.backstage/auth/v1/cookie` for
 * the bearer token fetchApi adds. Refreshed when missing or about to expire.
 */
export class UserCookie {
  private expiresAt?: number;
  private pending?: Promise<void>;

  constructor(private readonly fetchApi: FetchApi) {}

  async ensure(baseUrl: string): Promise<void> {
    if (
      this.expiresAt !== undefined &&
      this.expiresAt - Date.now() > REFRESH_MARGIN_MS
    )
      return;
    this.pending ??= this.refresh(baseUrl).finally(() => {
      this.pending = undefined;
    });
    await this.pending;
  }

  private async refresh(baseUrl: string): Promise<void> {
    const response = await this.fetchApi.fetch(
      `${baseUrl}/.backstage/auth/v1/cookie`,
      { credentials: 'include' },
    );
    // A backend without cookie auth: nothing to refresh (as Backstage's own useCookieAuthRefresh does).
    if (response.status === 404) return;
    if (!response.ok) {
      const error = await errorFromResponse(response);
      throw new Error(
        `Could not get the sign-in cookie for the terminal: ${error.message}`,
      );
    }
    const { expiresAt } = (await response.json()) as { expiresAt?: string };
    const parsed = expiresAt ? Date.parse(expiresAt) : NaN;
    if (Number.isNaN(parsed))
      throw new Error('The sign-in cookie response has no valid expiresAt');
    this.expiresAt = parsed;
  }
}
