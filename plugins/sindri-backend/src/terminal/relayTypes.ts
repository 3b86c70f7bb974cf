import { TerminalServerMessage } from '@internal/plugin-sindri-common';
import { AgentLink } from '../live/AgentLinks';

/** A browser attached to a session, as the relay sees it (the socket server wraps the WebSocket). */
export interface TerminalViewer {
  /** entity ref of the signed-in user */
  user: string;
  send(message: TerminalServerMessage): void;
  sendData(bytes: Uint8Array): void;
  close(code: number, reason: string): void;
  /** bytes queued in the backend for this viewer, not yet written to its socket */
  buffered?(): number;
}

/** What a viewer can do once attached. */
export interface TerminalAttachment {
  input(bytes: Uint8Array): void;
  resize(cols: number, rows: number): void;
  /** the viewer has rendered this many more output bytes */
  ack(bytes: number): void;
  /** end the session for everyone */
  close(): void;
  /** the viewer went away; the session lives on */
  detach(): void;
}

/**
 * waiting: pty-open sent, nothing back yet; opened: told, its replay is next;
 * ready: gets live output.
 */
export type ViewerState = {
  phase: 'waiting' | 'opened' | 'ready';
  sent: number;
  acked: number;
};

/** A shell on an instance as this backend relays it. */
export interface RelayedSession {
  key: string;
  sessionId: string;
  instanceId: string;
  link: AgentLink;
  openedBy: string;
  auditId: string;
  /** the audit row existed before this backend attached, e.g. after a backend restart */
  resumed: boolean;
  bytesIn: number;
  bytesOut: number;
  flushed: { bytesIn: number; bytesOut: number };
  viewers: Map<TerminalViewer, ViewerState>;
  paused: boolean;
  /** while paused: checks whether the viewers' sockets have drained */
  drainTimer?: NodeJS.Timeout;
  /** the agent has answered pty-open at least once */
  opened: boolean;
  /** recorded keystrokes are written in order through this chain */
  recording: Promise<void>;
}

export const sessionKey = (instanceId: string, sessionId: string) =>
  `${instanceId}/${sessionId}`;

/** A session the relay will not attach this viewer to, with the close code that says why. */
export class SessionRefused extends Error {
  constructor(readonly closeCode: number, message: string) {
    super(message);
  }
}
