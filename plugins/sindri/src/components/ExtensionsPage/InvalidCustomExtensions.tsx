import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  describeIssue,
  ExtensionRegistry,
} from '@internal/plugin-sindri-common';

/** Custom extension files the portal refused: each with every error at its JSON path. None of them is loaded. */
export const InvalidCustomExtensions = ({
  invalid,
}: {
  invalid: ExtensionRegistry['invalid'];
}) =>
  invalid.length ? (
    <WarningPanel
      defaultExpanded
      title={`${invalid.length} custom extension${
        invalid.length === 1 ? ' was' : 's were'
      } not loaded`}
      message={
        <div data-testid="invalid-custom-extensions">
          {invalid.map(i => (
            <div key={i.file}>
              <Typography variant="subtitle2">
                {i.name ?? i.file} ({i.file})
              </Typography>
              {i.errors.map(e => (
                <Typography
                  key={`${e.pointer}:${e.message}`}
                  variant="body2"
                  component="div"
                >
                  {describeIssue(e)}
                </Typography>
              ))}
            </div>
          ))}
        </div>
      }
    />
  ) : null;
