import crypto from 'node:crypto';
import {
  AgentFrame,
  LOG_LIMITS,
  LogLine,
} from '@internal/plugin-sindri-common';
import { maskText } from '../mask';
import { detectLevel } from './detectLevel';
import { TailedLine } from './FileTailer';

/** A batch's text stays well under the portal's frame limit (256 KiB of JSON). */
const MAX_BATCH_BYTES = 160 * 1024;
const TRUNCATED = ' [truncated]';
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const AGENT_TOKEN = /\bsindri_[A-Za-z0-9-]+_[A-Za-z0-9_-]{8,}/g;

/** `NAME=secret` assignments, Authorization header values and agent tokens, masked. */
export function maskLogLine(text: string): string {
  return maskText(text)
    .replace(BEARER, (_, scheme: string) => `${scheme} ***`)
    .replace(AGENT_TOKEN, 'sindri_***');
}

/**
 * Turns lines read from the instance's logs into `logs` frames: masked for
 * secrets, cut to the line limit, with the level a line states, at most 500
 * lines and 160 KiB a batch. Lines dropped from a full buffer are counted in
 * the next batch.
 */
export class LogShipper {
  /** lines dropped (buffer full) and not yet reported */
  private droppedLines = 0;

  constructor(private readonly enqueue: (frame: AgentFrame) => void) {}

  /** A logs frame left the buffer unsent: its lines count as dropped. */
  dropped(frame: AgentFrame) {
    if (frame.type === 'logs') this.droppedLines += frame.logs.lines.length;
  }

  ship(tailed: TailedLine[], at = new Date()) {
    let lines: LogLine[] = [];
    let bytes = 0;
    const flush = () => {
      if (!lines.length) return;
      this.enqueue({
        type: 'logs',
        logs: {
          id: crypto.randomUUID(),
          lines,
          ...(this.droppedLines ? { dropped: this.droppedLines } : {}),
        },
      });
      this.droppedLines = 0;
      lines = [];
      bytes = 0;
    };
    for (const { source, text, ...given } of tailed) {
      let masked = maskLogLine(text);
      if (masked.length > LOG_LIMITS.maxLineBytes)
        masked =
          masked.slice(0, LOG_LIMITS.maxLineBytes - TRUNCATED.length) +
          TRUNCATED;
      const level = given.level ?? detectLevel(masked);
      const line: LogLine = {
        at: (given.at ?? at).toISOString(),
        source: source.slice(0, LOG_LIMITS.maxSourceLength),
        text: masked,
        ...(level ? { level } : {}),
      };
      const size = Buffer.byteLength(masked) + source.length + 64;
      if (
        lines.length >= LOG_LIMITS.maxLinesPerBatch ||
        bytes + size > MAX_BATCH_BYTES
      )
        flush();
      lines.push(line);
      bytes += size;
    }
    flush();
  }
}
