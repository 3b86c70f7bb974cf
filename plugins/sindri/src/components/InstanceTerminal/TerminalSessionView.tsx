import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { sindriApiRef } from '../../api/SindriApi';
import { TerminalConnection, TerminalState } from './TerminalConnection';
import { TerminalStateLine } from './TerminalStateLine';
import { clipboardKeyHandler, xtermOptions, xtermTheme } from './xtermSetup';

const useStyles = makeStyles(theme => ({
  terminal: {
    height: '60vh',
    minHeight: 240,
    padding: theme.spacing(1),
    backgroundColor: theme.palette.background.paper,
    '& .xterm': { height: '100%' },
  },
}));

export interface TerminalSessionViewProps {
  instance: string;
  sessionId: string;
  /** the visible tab: fitted and focused */
  active: boolean;
  onState(sessionId: string, state: TerminalState): void;
  /** registers how to end this session for everyone (undefined when unmounted) */
  registerClose(sessionId: string, close: (() => void) | undefined): void;
  onNewSession(sessionId: string): void;
}

/** One terminal session: xterm.js on a TerminalConnection, with its state. */
export const TerminalSessionView = (props: TerminalSessionViewProps) => {
  const { instance, sessionId, active } = props;
  const classes = useStyles();
  const api = useApi(sindriApiRef);
  const theme = useTheme<Theme>();
  const containerRef = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<Terminal>();
  const fitRef = useRef<FitAddon>();
  const [state, setState] = useState<TerminalState>({ kind: 'connecting' });
  const latest = useRef({ props, theme, active });
  latest.current = { props, theme, active };

  useEffect(() => {
    const container = containerRef.current!;
    const terminal = new Terminal(xtermOptions(latest.current.theme));
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.attachCustomKeyEventHandler(clipboardKeyHandler(terminal));
    // opened when first shown: xterm cannot measure its font in a hidden element (output written before is kept)
    if (latest.current.active) {
      terminal.open(container);
      fit.fit();
    }
    terminalRef.current = terminal;
    fitRef.current = fit;

    const connection = new TerminalConnection({
      connectUrl: size =>
        api.getTerminalSocketUrl({ instance, session: sessionId, ...size }),
      size: { cols: terminal.cols, rows: terminal.rows },
      onState: next => {
        setState(next);
        latest.current.props.onState(sessionId, next);
      },
      onOutput: (bytes, rendered) => terminal.write(bytes, rendered),
      // the server replays recent output next: start from a clean screen (in write order)
      onAttached: () => terminal.write('\x1bc'),
    });
    const subscriptions = [
      terminal.onData(data => connection.send(data)),
      terminal.onResize(({ cols, rows }) => connection.resize(cols, rows)),
    ];
    const observer =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(() => latest.current.active && fit.fit());
    observer?.observe(container);
    latest.current.props.registerClose(sessionId, () => connection.close());
    connection.start();

    return () => {
      latest.current.props.registerClose(sessionId, undefined);
      observer?.disconnect();
      subscriptions.forEach(s => s.dispose());
      connection.dispose();
      terminal.dispose();
      terminalRef.current = undefined;
      fitRef.current = undefined;
    };
  }, [api, instance, sessionId]);

  useEffect(() => {
    if (!terminalRef.current) return;
    terminalRef.current.options.theme = xtermTheme(theme);
    terminalRef.current.options.fontSize = theme.typography.fontSize;
  }, [theme]);

  useEffect(() => {
    const terminal = terminalRef.current;
    if (!active || !terminal || !containerRef.current) return;
    if (!terminal.element) terminal.open(containerRef.current);
    fitRef.current?.fit();
    terminal.focus();
  }, [active]);

  return (
    <Box display={active ? 'block' : 'none'}>
      <TerminalStateLine state={state}>
        {state.kind === 'ended' && (
          <Button
            size="small"
            variant="outlined"
            color="primary"
            onClick={() => props.onNewSession(sessionId)}
          >
            New session
          </Button>
        )}
      </TerminalStateLine>
      <div
        ref={containerRef}
        className={classes.terminal}
        data-testid="sindri-terminal"
      />
    </Box>
  );
};
