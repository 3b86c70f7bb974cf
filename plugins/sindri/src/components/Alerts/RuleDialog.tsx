import { useState } from 'react';
import {
  ALERT_METRICS,
  ALERT_SEVERITIES,
  AlertChannel,
  AlertCondition,
  AlertRuleInput,
} from '@internal/plugin-sindri-common';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { SaveDialog } from './SaveDialog';
import Typography from '@material-ui/core/Typography';

const KINDS: Array<[AlertCondition['kind'], string]> = [
  ['metric', 'A metric above a threshold'],
  ['heartbeat-lost', 'Heartbeat lost'],
  ['operation-failed', 'Deployment or lifecycle operation failed'],
  ['extension-install-failed', 'Extension install failed'],
  ['budget-spent', 'A group spent a share of its monthly budget'],
  ['budget-projected', "A group's projection is over its budget"],
  ['advisory', 'An advisory matches an installed package'],
];

export const NEW_RULE: AlertRuleInput = {
  name: '',
  enabled: true,
  condition: { kind: 'metric', metric: 'cpu', threshold: 90, forSeconds: 300 },
  scope: { kind: 'fleet' },
  severity: 'warning',
  channels: [],
  notifyOwners: true,
  resolveAfterSeconds: 300,
};

/** A new condition of the kind picked, with its defaults. */
function conditionOfKind(kind: AlertCondition['kind']): AlertCondition {
  if (kind === 'metric') return NEW_RULE.condition;
  if (kind === 'budget-spent') return { kind, percent: 80, forSeconds: 0 };
  if (kind === 'advisory') return { kind, minSeverity: 'high', forSeconds: 0 };
  return { kind, forSeconds: 0 };
}

export interface RuleDialogProps {
  title: string;
  initial: AlertRuleInput;
  channels: AlertChannel[];
  onSave(rule: AlertRuleInput): Promise<unknown>;
  onClose(): void;
}

/** A rule's form; the backend's 400 (naming the field) is shown as it is. */
export const RuleDialog = ({
  title,
  initial,
  channels,
  onSave,
  onClose,
}: RuleDialogProps) => {
  const [rule, setRule] = useState<AlertRuleInput>(initial);
  const set = (change: Partial<AlertRuleInput>) =>
    setRule(r => ({ ...r, ...change }));
  const { condition } = rule;
  const setCondition = (change: Record<string, unknown>) =>
    set({ condition: { ...condition, ...change } as AlertCondition });
  const number = (value: string) => (value === '' ? NaN : Number(value));

  return (
    <SaveDialog title={title} onSave={() => onSave(rule)} onClose={onClose}>
      <TextField
        id="alert-rule-1"
        label="Name"
        fullWidth
        margin="dense"
        value={rule.name}
        onChange={e => set({ name: e.target.value })}
      />
      <TextField
        id="alert-rule-2"
        select
        label="Condition"
        fullWidth
        margin="dense"
        value={condition.kind}
        onChange={e =>
          set({
            condition: conditionOfKind(
              e.target.value as AlertCondition['kind'],
            ),
          })
        }
      >
        {KINDS.map(([kind, label]) => (
          <MenuItem key={kind} value={kind}>
            {label}
          </MenuItem>
        ))}
      </TextField>
      {condition.kind === 'metric' && (
        <>
          <TextField
            id="alert-rule-3"
            select
            label="Metric"
            margin="dense"
            value={condition.metric}
            onChange={e => setCondition({ metric: e.target.value })}
          >
            {ALERT_METRICS.map(m => (
              <MenuItem key={m} value={m}>
                {m}
              </MenuItem>
            ))}
          </TextField>{' '}
          <TextField
            id="alert-rule-4"
            label="Above (%)"
            type="number"
            margin="dense"
            value={condition.threshold}
            onChange={e => setCondition({ threshold: number(e.target.value) })}
          />
        </>
      )}
      {condition.kind === 'advisory' && (
        <TextField
          id="alert-rule-11"
          select
          label="At least this severe"
          margin="dense"
          value={condition.minSeverity}
          onChange={e => setCondition({ minSeverity: e.target.value })}
        >
          {(['critical', 'high', 'medium', 'low', 'unknown'] as const).map(
            s => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ),
          )}
        </TextField>
      )}
      {condition.kind === 'budget-spent' && (
        <TextField
          id="alert-rule-10"
          label="Spent at least (% of the budget)"
          type="number"
          margin="dense"
          value={condition.percent}
          onChange={e => setCondition({ percent: number(e.target.value) })}
        />
      )}
      <TextField
        id="alert-rule-5"
        label="Held for (seconds)"
        type="number"
        margin="dense"
        value={condition.forSeconds}
        onChange={e => setCondition({ forSeconds: number(e.target.value) })}
      />{' '}
      <TextField
        id="alert-rule-6"
        label="Resolves after quiet for (seconds)"
        type="number"
        margin="dense"
        value={rule.resolveAfterSeconds}
        onChange={e => set({ resolveAfterSeconds: number(e.target.value) })}
      />
      <TextField
        id="alert-rule-7"
        select
        label="Scope"
        margin="dense"
        value={rule.scope.kind}
        onChange={e =>
          set({
            scope:
              e.target.value === 'fleet'
                ? { kind: 'fleet' }
                : { kind: e.target.value as 'group' | 'instance', ref: '' },
          })
        }
      >
        <MenuItem value="fleet">Every instance</MenuItem>
        <MenuItem value="group">An owner group</MenuItem>
        <MenuItem value="instance">One instance</MenuItem>
      </TextField>{' '}
      {rule.scope.kind !== 'fleet' && (
        <TextField
          id="alert-rule-8"
          label={
            rule.scope.kind === 'group'
              ? 'Group (group:default/name)'
              : 'Instance name'
          }
          margin="dense"
          value={rule.scope.ref ?? ''}
          onChange={e =>
            set({ scope: { kind: rule.scope.kind, ref: e.target.value } })
          }
        />
      )}
      <TextField
        id="alert-rule-9"
        select
        label="Severity"
        fullWidth
        margin="dense"
        value={rule.severity}
        onChange={e =>
          set({ severity: e.target.value as AlertRuleInput['severity'] })
        }
      >
        {ALERT_SEVERITIES.map(s => (
          <MenuItem key={s} value={s}>
            {s}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={
          <Checkbox
            checked={rule.notifyOwners}
            onChange={e => set({ notifyOwners: e.target.checked })}
          />
        }
        label="Notify the instance's owners (Backstage notifications)"
      />
      <Typography variant="subtitle2">Also send to</Typography>
      {channels.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No channels yet: add a webhook, Slack or PagerDuty channel below.
        </Typography>
      )}
      {channels.map(c => (
        <FormControlLabel
          key={c.id}
          control={
            <Checkbox
              checked={rule.channels.includes(c.id)}
              onChange={e =>
                set({
                  channels: e.target.checked
                    ? [...rule.channels, c.id]
                    : rule.channels.filter(id => id !== c.id),
                })
              }
            />
          }
          label={`${c.name} (${c.type})`}
        />
      ))}
      <FormControlLabel
        control={
          <Checkbox
            checked={rule.enabled}
            onChange={e => set({ enabled: e.target.checked })}
          />
        }
        label="Enabled"
      />
    </SaveDialog>
  );
};
