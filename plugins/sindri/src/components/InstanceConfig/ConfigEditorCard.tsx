import { useCallback, useEffect, useState } from 'react';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  describeIssue,
  LifecycleOperation,
} from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { PreformattedText } from '../common/PreformattedText';
import { OperationStateLabel } from '../InstanceLifecycleCard/OperationStateLabel';
import { useOperation } from '../InstanceLifecycleCard/useOperation';
import { SindriYamlCodeEditor, useConfigIssues } from '../SindriYamlEditor';

/**
 * The declared sindri.yaml in the editor. With the lifecycle permission it
 * can be changed: each edit is checked as `sindri config validate` does (and
 * for what an update may not change), inline at its JSON path, and applied as
 * an `update` operation whose progress follows here.
 */
export const ConfigEditorCard = ({
  name,
  version,
  text,
  canEdit,
  onApplied,
}: {
  name: string;
  version: number;
  text: string;
  canEdit: boolean;
  onApplied: () => void;
}) => {
  const api = useApi(sindriApiRef);
  const [draft, setDraft] = useState(text);
  const [applyError, setApplyError] = useState<Error>();
  useEffect(() => setDraft(text), [text]);
  const validate = useCallback(
    (t: string) => api.config.validate(name, t),
    [api, name],
  );
  const { checked, error } = useConfigIssues(canEdit ? draft : '', validate);
  // the history and drift are read again once the update ends (or is no longer followed)
  const operation = useOperation(() => {});
  const running = operation.operation?.state === 'running';
  const changed = draft !== text;

  const apply = async () => {
    setApplyError(undefined);
    let started;
    try {
      started = await api.config.apply(name, draft, version);
    } catch (e) {
      setApplyError(e as Error);
      return;
    }
    // the new version is stored: the tab shows it (and edits start from it) at once
    onApplied();
    try {
      await operation.follow(started.operation as LifecycleOperation);
    } finally {
      onApplied();
    }
  };

  return (
    <InfoCard
      title={`sindri.yaml — version ${version}`}
      subheader={
        canEdit
          ? 'Edit and apply: the file is stored as the next version and redeployed through the instance’s driver'
          : 'Read only: applying a change needs sindri.instance.lifecycle on this instance'
      }
    >
      <SindriYamlCodeEditor
        value={draft}
        onChange={canEdit ? setDraft : undefined}
        readOnly={!canEdit || running}
        issues={checked?.issues}
        label={`sindri.yaml of ${name}`}
      />
      {canEdit && (
        <Box mt={1} data-testid="config-verdict">
          {error && (
            <Typography color="error">
              could not be checked: {error.message}
            </Typography>
          )}
          {checked && checked.valid && changed && (
            <Typography>valid: ready to apply</Typography>
          )}
          {checked && !checked.valid && (
            <WarningPanel
              defaultExpanded
              title="The edit cannot be applied"
              message={checked.issues.map(i => (
                <Typography key={`${i.pointer}:${i.message}`} variant="body2">
                  {describeIssue(i)}
                </Typography>
              ))}
            />
          )}
        </Box>
      )}
      {canEdit && (
        <Box mt={1} display="flex" style={{ gap: 8 }}>
          <Button
            variant="contained"
            color="primary"
            disabled={!changed || !checked?.valid || running}
            onClick={apply}
          >
            Apply as version {version + 1}
          </Button>
          <Button disabled={!changed || running} onClick={() => setDraft(text)}>
            Discard changes
          </Button>
        </Box>
      )}
      {applyError && (
        <Typography color="error" role="alert">
          {applyError.message}
        </Typography>
      )}
      {operation.operation && (
        <Box mt={2} data-testid="config-update">
          <Typography variant="subtitle2">
            update <OperationStateLabel state={operation.operation.state} />
            {operation.operation.message
              ? ` — ${operation.operation.message}`
              : ''}
          </Typography>
          {operation.error && (
            <Typography color="error">{operation.error.message}</Typography>
          )}
          <PreformattedText mt={1}>
            {operation.lines.join('\n')}
          </PreformattedText>
        </Box>
      )}
    </InfoCard>
  );
};
