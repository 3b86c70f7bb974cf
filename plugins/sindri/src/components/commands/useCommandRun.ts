import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { CommandRequest } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { applyStreamEvent, fromRun, RunState } from './runState';

export interface CommandRunView {
  state?: RunState;
  /** POST /commands is under way */
  starting: boolean;
  /** the live stream is open */
  following: boolean;
  /** the run could not be started */
  startError?: Error;
  /** the live stream failed or stopped before the run finished */
  streamError?: Error;
  cancelError?: Error;
}

/** Starts a command run and follows it live through the stream endpoint; cancels on request. */
export function useCommandRun() {
  const api = useApi(sindriApiRef);
  const [view, setView] = useState<CommandRunView>({
    starting: false,
    following: false,
  });
  const abortRef = useRef<AbortController>();
  useEffect(() => () => abortRef.current?.abort(), []);

  const follow = useCallback(
    async (id: string) => {
      abortRef.current?.abort();
      const abort = new AbortController();
      abortRef.current = abort;
      setView(v => ({ ...v, following: true, streamError: undefined }));
      let finished = false;
      try {
        for await (const event of api.streamCommand(id, {
          signal: abort.signal,
        })) {
          if (abort.signal.aborted) return;
          if (event.type === 'done') finished = true;
          setView(v => ({ ...v, state: applyStreamEvent(v.state, event) }));
        }
        if (!finished)
          throw new Error('The live stream stopped before the run finished.');
      } catch (e) {
        if (abort.signal.aborted) return;
        const streamError = e as Error;
        const latest = await api.getCommand(id).catch(() => undefined);
        setView(v => ({
          ...v,
          streamError,
          state: latest ? fromRun(latest, v.state) : v.state,
        }));
      } finally {
        if (!abort.signal.aborted) setView(v => ({ ...v, following: false }));
      }
    },
    [api],
  );

  const start = useCallback(
    async (request: CommandRequest) => {
      abortRef.current?.abort();
      setView({ starting: true, following: false });
      try {
        const run = await api.runCommand(request);
        setView({ starting: false, following: false, state: fromRun(run) });
        void follow(run.id);
      } catch (e) {
        setView({ starting: false, following: false, startError: e as Error });
      }
    },
    [api, follow],
  );

  const runId = view.state?.run.id;
  const cancel = useCallback(async () => {
    if (!runId) return;
    try {
      const run = await api.cancelCommand(runId);
      setView(v => ({
        ...v,
        cancelError: undefined,
        state: v.state?.run.id === run.id ? fromRun(run, v.state) : v.state,
      }));
    } catch (e) {
      setView(v => ({ ...v, cancelError: e as Error }));
    }
  }, [api, runId]);

  const resume = useCallback(() => runId && follow(runId), [follow, runId]);

  return { view, start, cancel, resume };
}
