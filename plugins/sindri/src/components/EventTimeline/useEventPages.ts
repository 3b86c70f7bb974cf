import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { EventListQuery, FleetEvent } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';

export const EVENTS_PAGE_SIZE = 50;

interface Pages {
  items: FleetEvent[];
  nextCursor?: string;
  loading: boolean;
  error?: Error;
}

/**
 * The events a query selects, newest first, a page at a time: `more()` asks
 * for the page older than the last one (the cursor is its last event's id).
 * A changed query starts again from the newest.
 */
export function useEventPages(
  query: EventListQuery & { instance?: string },
  scope: 'fleet' | 'instance',
) {
  const api = useApi(sindriApiRef);
  const key = JSON.stringify({ query, scope });
  const [pages, setPages] = useState<Pages>({ items: [], loading: true });

  const load = useCallback(
    async (before?: string) => {
      const { query: q } = JSON.parse(key) as { query: typeof query };
      const { instance, ...rest } = { ...q, limit: EVENTS_PAGE_SIZE, before };
      return scope === 'instance'
        ? api.getInstanceEvents(instance!, rest)
        : api.listEvents({ ...rest, instance });
    },
    [api, key, scope],
  );

  useEffect(() => {
    let current = true;
    setPages({ items: [], loading: true });
    load().then(
      page => current && setPages({ ...page, loading: false }),
      error => current && setPages({ items: [], loading: false, error }),
    );
    return () => {
      current = false;
    };
  }, [load]);

  const more = useCallback(() => {
    if (!pages.nextCursor) return;
    setPages(p => ({ ...p, loading: true }));
    load(pages.nextCursor).then(
      page =>
        setPages(p => ({
          items: [...p.items, ...page.items],
          nextCursor: page.nextCursor,
          loading: false,
        })),
      error => setPages(p => ({ ...p, loading: false, error })),
    );
  }, [load, pages.nextCursor]);

  return { ...pages, more };
}
