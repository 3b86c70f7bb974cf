import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import PlaylistPlayIcon from '@material-ui/icons/PlaylistPlay';
import { commandsRouteRef } from '../../routes';

function useCommandsLink(): string | undefined {
  try {
    return useRouteRef(commandsRouteRef)();
  } catch {
    // the app did not mount the Run command page (legacy apps mount it themselves)
    return undefined;
  }
}

/** Links to the fleet-wide Run command page, when the app has it. */
export const RunCommandButton = () => {
  const link = useCommandsLink();
  if (!link) return null;
  return (
    <LinkButton
      to={link}
      variant="contained"
      color="primary"
      startIcon={<PlaylistPlayIcon />}
    >
      Run command
    </LinkButton>
  );
};
