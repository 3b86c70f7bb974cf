/**
 * Terminal bytes between backend and agent travel as binary WebSocket
 * messages, so output needs no JSON escaping:
 *
 *   [kind: 1 byte][session id length: 1 byte][session id: ASCII][payload]
 *
 * Control messages are JSON text frames (see liveFrames.ts).
 */
/** Browser-chosen terminal session ids: 8-64 URL-safe characters (a uuid fits). */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export const DATA_FRAME_KIND = {
  /** agent → backend: PTY output as it happens */
  output: 1,
  /** backend → agent: keystrokes for the PTY */
  input: 2,
  /** agent → backend: the session's recent output, sent once per attach */
  replay: 3,
} as const;

export type DataFrameKind = keyof typeof DATA_FRAME_KIND;

const KIND_BY_CODE = new Map(
  Object.entries(DATA_FRAME_KIND).map(([k, v]) => [v, k as DataFrameKind]),
);

export interface DataFrame {
  kind: DataFrameKind;
  session: string;
  payload: Uint8Array;
}

const isBytes = (
  payload: Uint8Array | readonly Uint8Array[],
): payload is Uint8Array => ArrayBuffer.isView(payload);

export function encodeDataFrame(
  kind: DataFrameKind,
  session: string,
  payload: Uint8Array | readonly Uint8Array[],
  /** where the frame is written; Node callers pass Buffer.allocUnsafe (no zero-fill) */
  allocate: (size: number) => Uint8Array = size => new Uint8Array(size),
): Uint8Array {
  const parts = isBytes(payload) ? [payload] : payload;
  let size = 2 + session.length;
  for (const part of parts) size += part.length;
  const out = allocate(size);
  out[0] = DATA_FRAME_KIND[kind];
  out[1] = session.length;
  for (let i = 0; i < session.length; i++) out[2 + i] = session.charCodeAt(i);
  let at = 2 + session.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Decodes a binary frame; undefined when it is not one of ours. */
export function decodeDataFrame(bytes: Uint8Array): DataFrame | undefined {
  if (bytes.length < 2) return undefined;
  const kind = KIND_BY_CODE.get(bytes[0] as 1 | 2 | 3);
  const length = bytes[1];
  if (!kind || length === 0 || bytes.length < 2 + length) return undefined;
  let session = '';
  for (let i = 0; i < length; i++) session += String.fromCharCode(bytes[2 + i]);
  if (!SESSION_ID_PATTERN.test(session)) return undefined;
  return { kind, session, payload: bytes.subarray(2 + length) };
}
