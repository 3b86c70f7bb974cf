import {
  CommandRequest,
  instanceNameSchema,
  LIVE_LIMITS,
} from '@internal/plugin-sindri-common';
import { FILTER_FIELDS } from '../commands/commandSummaries';

/** The instance chooser as filled in. */
export interface TargetDraft {
  mode: 'filter' | 'names';
  owner: string;
  provider: string;
  status: string;
  names: string;
}

export const emptyTarget = (): TargetDraft => ({
  mode: 'filter',
  owner: '',
  provider: '',
  status: '',
  names: '',
});

export type CheckedTarget =
  | { target: CommandRequest['target']; error?: undefined }
  | { error: string; target?: undefined };

/** The target the draft selects, or why it selects nothing yet. */
export function checkTarget(draft: TargetDraft): CheckedTarget {
  if (draft.mode === 'names') {
    const names = [...new Set(draft.names.split(/[\s,]+/).filter(Boolean))];
    if (!names.length) return { error: 'Enter the names of the instances.' };
    const invalid = names.filter(
      name => !instanceNameSchema.safeParse(name).success,
    );
    if (invalid.length)
      return {
        error: `Not instance names: ${invalid.join(
          ', ',
        )} (1-63 lower-case letters, digits or inner dashes).`,
      };
    if (names.length > LIVE_LIMITS.maxCommandTargets)
      return {
        error: `At most ${LIVE_LIMITS.maxCommandTargets} instances per run.`,
      };
    return { target: { instances: names } };
  }
  const filter: Record<string, string> = {};
  if (draft.owner.trim()) filter[FILTER_FIELDS.owner] = draft.owner.trim();
  if (draft.provider) filter[FILTER_FIELDS.provider] = draft.provider;
  if (draft.status) filter[FILTER_FIELDS.status] = draft.status;
  if (!Object.keys(filter).length)
    return {
      error: 'Choose an owner, a provider or a status (or name the instances).',
    };
  return { target: { filter } };
}
