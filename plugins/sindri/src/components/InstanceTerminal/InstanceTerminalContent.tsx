import { Progress, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { sindriInstanceTerminalPermission } from '@internal/plugin-sindri-common';
import Grid from '@material-ui/core/Grid';
import { PermissionDenied } from '../common/PermissionDenied';
import { useInstancePermission } from '../common/useInstancePermission';
import { TerminalSessions } from './TerminalSessions';
import { TerminalSessionsAudit } from './TerminalSessionsAudit';

/** The "Terminal" tab of an instance: shells in the browser, when the permission policy allows. */
export const InstanceTerminalContent = () => {
  const { entity } = useEntity();
  const { loading, allowed, error } = useInstancePermission(
    sindriInstanceTerminalPermission,
  );
  const instance = entity.metadata.name;

  let terminal;
  if (loading) terminal = <Progress />;
  else if (error)
    terminal = (
      <WarningPanel
        severity="error"
        title="Could not check whether you may open a terminal"
        message={error.message}
      />
    );
  else if (!allowed)
    terminal = (
      <PermissionDenied
        what="open a terminal on this instance"
        permission={sindriInstanceTerminalPermission.name}
      />
    );
  else terminal = <TerminalSessions instance={instance} />;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {terminal}
      </Grid>
      <Grid item xs={12}>
        <TerminalSessionsAudit instance={instance} />
      </Grid>
    </Grid>
  );
};
