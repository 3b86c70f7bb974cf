import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CommandResult,
  CommandRun,
  CommandStreamEvent,
  instanceEntityRef,
  sindriInstanceAuditReadPermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { principalRef } from '../http/parse';

/** What of a run one reader may see: which instances at all, and whose output. */
export interface RunView {
  /** instances the reader may read: the only ones the run shows (names, counts, results) */
  readable: Set<string>;
  /** instances whose output the reader may see: all readable ones for the run's author, else those with audit read */
  output: Set<string>;
}

/**
 * How a run looks to these credentials, or undefined when it does not exist
 * for them: a run is seen by its author and by readers allowed
 * `sindri.instance.audit.read` on one of its instances, and always only
 * through the instances the reader may read.
 */
export async function viewOfRun(
  run: CommandRun,
  credentials: BackstageCredentials,
  guard: PermissionGuard,
): Promise<RunView | undefined> {
  const names = (run.results ?? []).map(r => r.instance);
  const refs = names.map(instanceEntityRef);
  const [readableRefs, auditRefs] = await Promise.all([
    guard.allowedRefs(credentials, sindriInstanceReadPermission, refs),
    guard.allowedRefs(credentials, sindriInstanceAuditReadPermission, refs),
  ]);
  const readable = new Set(
    names.filter(n => readableRefs.has(instanceEntityRef(n))),
  );
  const author = run.createdBy === principalRef(credentials);
  const output = new Set(
    [...readable].filter(n => author || auditRefs.has(instanceEntityRef(n))),
  );
  if (!readable.size || (!author && !output.size)) return undefined;
  return { readable, output };
}

function presentResult(result: CommandResult, view: RunView): CommandResult {
  if (view.output.has(result.instance)) return result;
  return { ...result, stdout: '', stderr: '', outputHidden: true };
}

/** The run as this reader sees it: other instances' names, counts and output left out. */
export function presentRun(run: CommandRun, view: RunView): CommandRun {
  const results = run.results
    ?.filter(r => view.readable.has(r.instance))
    .map(r => presentResult(r, view));
  const counts: CommandRun['counts'] = {};
  for (const r of results ?? []) counts[r.state] = (counts[r.state] ?? 0) + 1;
  const target =
    'instances' in run.target
      ? { instances: run.target.instances.filter(n => view.readable.has(n)) }
      : run.target;
  return { ...run, target, ...(results ? { results, counts } : {}) };
}

/** A stream event as this reader sees it, or undefined when it is not theirs to see. */
export function presentEvent(
  event: CommandStreamEvent,
  view: RunView,
): CommandStreamEvent | undefined {
  switch (event.type) {
    case 'output':
      return view.output.has(event.instance) ? event : undefined;
    case 'result':
      return view.readable.has(event.result.instance)
        ? { type: 'result', result: presentResult(event.result, view) }
        : undefined;
    default:
      return { ...event, run: presentRun(event.run, view) };
  }
}
