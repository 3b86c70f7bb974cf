import { useState } from 'react';
import {
  BUDGET_ENFORCEMENTS,
  BudgetEnforcement,
  BudgetInput,
} from '@internal/plugin-sindri-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { SaveDialog } from '../Alerts/SaveDialog';

export const ENFORCEMENT_LABEL: Record<BudgetEnforcement, string> = {
  off: 'Alerts only',
  warn: 'Warn at create, clone and resume',
  block: 'Block a create, clone or resume over it',
};

/** An admin's form for one group's monthly budget; the backend's 400 (naming the field) is shown as it is. */
export const BudgetDialog = ({
  group: initialGroup,
  initial,
  onSave,
  onClose,
}: {
  group?: string;
  initial?: BudgetInput;
  onSave(group: string, input: BudgetInput): Promise<unknown>;
  onClose(): void;
}) => {
  const [group, setGroup] = useState(initialGroup ?? 'group:default/');
  const [amount, setAmount] = useState(String(initial?.monthlyUsd ?? ''));
  const [enforcement, setEnforcement] = useState<BudgetEnforcement>(
    initial?.enforcement ?? 'warn',
  );
  return (
    <SaveDialog
      title={initialGroup ? `Budget of ${initialGroup}` : 'Set a budget'}
      onSave={() =>
        onSave(group.trim(), {
          monthlyUsd: amount === '' ? NaN : Number(amount),
          enforcement,
        })
      }
      onClose={onClose}
    >
      <TextField
        id="budget-group"
        label="Owner group (group:namespace/name)"
        fullWidth
        margin="dense"
        disabled={Boolean(initialGroup)}
        value={group}
        onChange={e => setGroup(e.target.value)}
      />
      <TextField
        id="budget-amount"
        label="Monthly budget (USD)"
        type="number"
        fullWidth
        margin="dense"
        value={amount}
        onChange={e => setAmount(e.target.value)}
      />
      <TextField
        id="budget-enforcement"
        select
        label="Enforcement"
        fullWidth
        margin="dense"
        value={enforcement}
        onChange={e => setEnforcement(e.target.value as BudgetEnforcement)}
      >
        {BUDGET_ENFORCEMENTS.map(e => (
          <MenuItem key={e} value={e}>
            {ENFORCEMENT_LABEL[e]}
          </MenuItem>
        ))}
      </TextField>
    </SaveDialog>
  );
};
