import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { LifecycleOperation } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';

/** Follows one operation's stream: its progress lines and, at the end, the finished operation. */
export function useOperation(onDone: (operation: LifecycleOperation) => void) {
  const api = useApi(sindriApiRef);
  const [operation, setOperation] = useState<LifecycleOperation>();
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<Error>();
  const abort = useRef<AbortController>();
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => () => abort.current?.abort(), []);

  const follow = useCallback(
    async (started: LifecycleOperation) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setOperation(started);
      setLines([]);
      setError(undefined);
      let ended = false;
      try {
        for await (const event of api.streamOperation(started.id, {
          signal: controller.signal,
        })) {
          if (event.type === 'snapshot') setLines(event.operation.log);
          else if (event.type === 'progress')
            setLines(previous => [...previous, event.line]);
          else {
            ended = true;
            setOperation(event.operation);
            done.current(event.operation);
          }
        }
        if (!ended && !controller.signal.aborted)
          throw new Error(
            'the progress stream ended before the operation did; its outcome will show in the operations list',
          );
      } catch (e) {
        if (controller.signal.aborted) return;
        setError(e as Error);
        // no longer following it: the card must not wait on it
        setOperation(previous =>
          previous
            ? {
                ...previous,
                state: 'cancelled',
                message: 'not followed any more',
              }
            : previous,
        );
      }
    },
    [api],
  );

  return { operation, lines, error, follow };
}
