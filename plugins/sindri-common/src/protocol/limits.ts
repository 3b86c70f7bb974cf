/** Upper bounds on what one agent may send, enforced by the schemas and the backend. */
export const INGEST_LIMITS = {
  /** Largest JSON body or WebSocket frame accepted, in bytes. */
  maxFrameBytes: 256 * 1024,
  /** Frames in one HTTP ingest request. */
  maxFramesPerRequest: 500,
  maxExtensions: 200,
  maxBomToolsPerExtension: 50,
  maxDisks: 64,
  maxTopProcesses: 10,
  maxEventDataKeys: 32,
  /** frames one inventory may be split into */
  maxInventoryParts: 200,
  maxComponentsPerPart: 1000,
  maxSshKeys: 200,
  maxListeningPorts: 500,
} as const;
