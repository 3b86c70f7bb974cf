import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { LogTailQuery, StoredLogLine } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';

/** Lines kept on screen while following; older ones are a search away. */
export const MAX_FOLLOWED_LINES = 1000;

/**
 * While `following`, the lines arriving after `query.after`, newest first.
 * The client reconnects a broken stream from its last line; a refusal ends it.
 */
export function useLogTail(
  following: boolean,
  query: LogTailQuery & { instance?: string },
) {
  const api = useApi(sindriApiRef);
  const [lines, setLines] = useState<StoredLogLine[]>([]);
  const [error, setError] = useState<Error>();
  const key = JSON.stringify(query);
  useEffect(() => {
    setLines([]);
    setError(undefined);
    if (!following) return undefined;
    const abort = new AbortController();
    (async () => {
      try {
        for await (const batch of api.logs.tail(JSON.parse(key), abort.signal))
          setLines(shown =>
            [...batch.reverse(), ...shown].slice(0, MAX_FOLLOWED_LINES),
          );
      } catch (e) {
        if (!abort.signal.aborted) setError(e as Error);
      }
    })();
    return () => abort.abort();
  }, [api, following, key]);
  return { lines, error };
}
