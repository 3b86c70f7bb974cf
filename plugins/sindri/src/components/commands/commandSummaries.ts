import { quote } from 'shell-quote';
import {
  CommandRun,
  CommandResultState,
  FINAL_COMMAND_STATES,
  SINDRI_ANNOTATIONS,
  SINDRI_STATUS_LABEL,
} from '@internal/plugin-sindri-common';

/** The catalog fields a fleet run can filter instances by. */
export const FILTER_FIELDS = {
  owner: 'spec.owner',
  provider: `metadata.annotations.${SINDRI_ANNOTATIONS.provider}`,
  status: `metadata.labels.${SINDRI_STATUS_LABEL}`,
} as const;

const FIELD_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(FILTER_FIELDS).map(([label, field]) => [field, label]),
);

/** The command as one line: the argv quoted, or the script's interpreter line. */
export function describeCommand(command: CommandRun['command']): string {
  if ('argv' in command) return quote(command.argv);
  const lines = command.script.split('\n');
  return `script ${lines[0]} (${lines.length} lines)`;
}

/** How the instances were chosen, as one line. */
export function describeTarget(target: CommandRun['target']): string {
  if ('instances' in target) {
    const names = target.instances;
    return names.length <= 3
      ? names.join(', ')
      : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  }
  return Object.entries(target.filter)
    .map(
      ([field, value]) =>
        `${FIELD_LABELS[field] ?? field} = ${
          Array.isArray(value) ? value.join(' or ') : value
        }`,
    )
    .join(', ');
}

const ORDER: CommandResultState[] = [
  ...FINAL_COMMAND_STATES,
  'running',
  'queued',
];

/** e.g. "2 succeeded, 1 failed". */
export function describeCounts(counts: CommandRun['counts']): string {
  const parts = ORDER.filter(state => counts[state]).map(
    state => `${counts[state]} ${state}`,
  );
  return parts.length ? parts.join(', ') : 'no instances';
}
