/** Bounds of the live channels (terminals and commands), shared by agent, backend and browser. */
export const LIVE_LIMITS = {
  /** Output kept per terminal session for replay on (re)attach, in bytes. */
  replayBytes: 256 * 1024,
  /** Output a terminal viewer may have received but not yet acknowledged before the PTY is paused. */
  highWaterBytes: 512 * 1024,
  /** Below this much unacknowledged output everywhere, a paused PTY resumes. */
  lowWaterBytes: 128 * 1024,
  /** A viewer this far behind is disconnected instead of holding everyone back. */
  viewerMaxLagBytes: 8 * 1024 * 1024,
  /** Largest single terminal input message from a browser. */
  maxInputBytes: 64 * 1024,
  /** Largest output chunk the agent puts in one frame. */
  maxOutputChunkBytes: 64 * 1024,
  /** Terminal sessions one instance may hold at once. */
  maxSessionsPerInstance: 16,
  /** Output of one command on one instance kept by the portal (the tail), per stream. */
  commandOutputTailBytes: 64 * 1024,
  /** Largest script sent to an instance. */
  maxScriptBytes: 64 * 1024,
  maxArgs: 256,
  maxArgBytes: 8 * 1024,
  /** Command timeout bounds, seconds. */
  minCommandTimeoutSeconds: 1,
  maxCommandTimeoutSeconds: 3600,
  defaultCommandTimeoutSeconds: 300,
  /** Instances one command run reaches at once, by default and at most. */
  defaultCommandConcurrency: 10,
  maxCommandConcurrency: 100,
  /** Instances one command run may target. */
  maxCommandTargets: 1000,
} as const;
