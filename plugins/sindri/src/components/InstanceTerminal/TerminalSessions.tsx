import { useCallback, useRef } from 'react';
import { LIVE_LIMITS } from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import CloseIcon from '@material-ui/icons/Close';
import { TerminalState } from './TerminalConnection';
import { TerminalSessionView } from './TerminalSessionView';
import { useTerminalSessions } from './useTerminalSessions';

export const TERMINAL_HINT =
  'Copy: select text, then Ctrl+Shift+C (⌘C on macOS) or the browser menu. Paste: Ctrl+Shift+V (⌘V). ' +
  'Ctrl+C goes to the shell. Sessions keep running when you leave this page and are re-attached when you come back ' +
  'in this browser tab; × ends a session for everyone attached to it.';

/** The terminal sessions of an instance as tabs: "+" opens one, × ends one. */
export const TerminalSessions = ({ instance }: { instance: string }) => {
  const { ids, active, add, remove, renew, markEnded, select } =
    useTerminalSessions(instance);
  const closers = useRef(new Map<string, () => void>());

  const registerClose = useCallback(
    (id: string, close: (() => void) | undefined) => {
      if (close) closers.current.set(id, close);
      else closers.current.delete(id);
    },
    [],
  );
  const onState = useCallback(
    (id: string, state: TerminalState) =>
      state.kind === 'ended' && markEnded(id),
    [markEnded],
  );
  const end = (id: string) => {
    closers.current.get(id)?.();
    remove(id);
  };

  return (
    <Paper variant="outlined">
      <Box
        display="flex"
        alignItems="center"
        borderBottom={1}
        borderColor="divider"
      >
        <Tabs
          value={active ?? false}
          onChange={(_, id) => select(id)}
          variant="scrollable"
          scrollButtons="auto"
          indicatorColor="primary"
        >
          {ids.map((id, index) => (
            <Tab
              key={id}
              value={id}
              component="div"
              label={
                <Box display="flex" alignItems="center">
                  <Tooltip title={`session ${id}`}>
                    <span>Shell {index + 1}</span>
                  </Tooltip>
                  <IconButton
                    size="small"
                    aria-label={`End shell ${index + 1}`}
                    onClick={event => {
                      event.stopPropagation();
                      end(id);
                    }}
                  >
                    <CloseIcon fontSize="small" />
                  </IconButton>
                </Box>
              }
            />
          ))}
        </Tabs>
        <Tooltip title="Open another session">
          <span>
            <IconButton
              aria-label="Open another session"
              onClick={add}
              disabled={ids.length >= LIVE_LIMITS.maxSessionsPerInstance}
            >
              <AddIcon />
            </IconButton>
          </span>
        </Tooltip>
      </Box>
      <Box p={1}>
        {ids.length === 0 && (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="body2">No open session.</Typography>
            <Button
              size="small"
              variant="outlined"
              color="primary"
              onClick={add}
            >
              New session
            </Button>
          </Box>
        )}
        {ids.map(id => (
          <TerminalSessionView
            key={id}
            instance={instance}
            sessionId={id}
            active={id === active}
            onState={onState}
            registerClose={registerClose}
            onNewSession={renew}
          />
        ))}
        <Typography variant="caption" color="textSecondary">
          {TERMINAL_HINT}
        </Typography>
      </Box>
    </Paper>
  );
};
