import { EmptyState } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';

/** What the user may not do here, and which permission says so. */
export const PermissionDenied = ({
  what,
  permission,
}: {
  what: string;
  permission: string;
}) => (
  <EmptyState
    missing="info"
    title={`You are not permitted to ${what}`}
    description={
      <Typography component="span">
        <Chip size="small" label="denied" component="span" /> The portal's
        permission policy does not grant you <code>{permission}</code> on this
        instance. Ask its owner or a portal admin.
      </Typography>
    }
  />
);
