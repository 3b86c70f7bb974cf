import {
  CommandResult,
  CommandResultState,
  CommandRun,
  CommandStreamEvent,
  LIVE_LIMITS,
} from '@internal/plugin-sindri-common';

export interface InstanceOutput {
  stdout: string;
  stderr: string;
}

/** A run as this page knows it: the run, and the output seen so far per instance (its tail). */
export interface RunState {
  run: CommandRun;
  output: Record<string, InstanceOutput>;
}

const tail = (text: string) =>
  text.length > LIVE_LIMITS.commandOutputTailBytes
    ? text.slice(text.length - LIVE_LIMITS.commandOutputTailBytes)
    : text;

function outputOf(
  results: CommandResult[] = [],
): Record<string, InstanceOutput> {
  return Object.fromEntries(
    results.map(r => [r.instance, { stdout: r.stdout, stderr: r.stderr }]),
  );
}

function countsOf(
  results: CommandResult[],
): Partial<Record<CommandResultState, number>> {
  const counts: Partial<Record<CommandResultState, number>> = {};
  for (const r of results) counts[r.state] = (counts[r.state] ?? 0) + 1;
  return counts;
}

/**
 * The state of a run as the backend returned it (POST, GET or cancel). Results
 * carry the tail of each output, the truth; a run without results (cancel may
 * answer so) keeps what was known.
 */
export function fromRun(run: CommandRun, previous?: RunState): RunState {
  const same = previous?.run.id === run.id;
  if (run.results || !same) return { run, output: outputOf(run.results) };
  return {
    run: { ...run, results: previous!.run.results },
    output: previous!.output,
  };
}

/** Applies one line of the run's stream; before the snapshot there is nothing to apply it to. */
export function applyStreamEvent(
  state: RunState | undefined,
  event: CommandStreamEvent,
): RunState | undefined {
  if (event.type === 'snapshot')
    return { run: event.run, output: outputOf(event.run.results) };
  if (!state) return state;
  switch (event.type) {
    case 'output': {
      const current = state.output[event.instance] ?? {
        stdout: '',
        stderr: '',
      };
      return {
        ...state,
        output: {
          ...state.output,
          [event.instance]: {
            ...current,
            [event.stream]: tail(current[event.stream] + event.data),
          },
        },
      };
    }
    case 'result': {
      const results = state.run.results ?? [];
      const known = results.some(r => r.instance === event.result.instance);
      const next = known
        ? results.map(r =>
            r.instance === event.result.instance ? event.result : r,
          )
        : [...results, event.result];
      return {
        ...state,
        run: { ...state.run, results: next, counts: countsOf(next) },
      };
    }
    case 'done':
      return {
        ...state,
        run: { ...event.run, results: event.run.results ?? state.run.results },
      };
    default:
      return state;
  }
}
