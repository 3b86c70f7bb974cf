import { Theme } from '@material-ui/core/styles';
import { ITheme, Terminal } from '@xterm/xterm';

export const TERMINAL_FONT_FAMILY =
  '"JetBrains Mono", "Fira Code", Menlo, Monaco, Consolas, "Liberation Mono", "Courier New", monospace';

/** Terminal colours from the app's MUI theme; on light themes the pale ANSI colours are darkened to stay readable. */
export function xtermTheme(theme: Theme): ITheme {
  const { palette } = theme;
  const base: ITheme = {
    background: palette.background.paper,
    foreground: palette.text.primary,
    cursor: palette.primary.main,
    cursorAccent: palette.background.paper,
    selectionBackground: palette.action.selected,
  };
  if (palette.type !== 'light') return base;
  return {
    ...base,
    yellow: '#9a6700',
    brightYellow: '#7d5400',
    white: palette.grey[600],
    brightWhite: palette.grey[800],
  };
}

export function xtermOptions(theme: Theme) {
  return {
    theme: xtermTheme(theme),
    fontFamily: TERMINAL_FONT_FAMILY,
    fontSize: theme.typography.fontSize,
    cursorBlink: true,
    scrollback: 5000,
  };
}

function copy(text: string) {
  const fallback = () => document.execCommand('copy');
  if (navigator.clipboard?.writeText)
    navigator.clipboard.writeText(text).catch(fallback);
  else fallback();
}

/**
 * Ctrl+Shift+C copies the selection and Ctrl+Shift+V leaves the paste to the
 * browser (xterm receives its paste event), so Ctrl+C and Ctrl+V still reach the
 * shell. On macOS ⌘C / ⌘V work as they do anywhere (xterm leaves them to the browser).
 */
export function clipboardKeyHandler(terminal: Terminal) {
  return (event: KeyboardEvent): boolean => {
    if (
      event.type !== 'keydown' ||
      !event.ctrlKey ||
      !event.shiftKey ||
      event.altKey ||
      event.metaKey
    )
      return true;
    if (event.code === 'KeyC') {
      if (terminal.hasSelection()) copy(terminal.getSelection());
      event.preventDefault();
      return false;
    }
    return event.code !== 'KeyV';
  };
}
