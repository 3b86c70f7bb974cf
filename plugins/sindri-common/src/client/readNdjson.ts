/**
 * Parses a stream of newline-delimited JSON into values, one a line.
 * Blank lines are skipped; a line that is not JSON is an error.
 * Stopping the iteration early cancels the stream.
 */
export async function* readNdjson<T>(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<T> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let finished = false;
  const parse = (line: string): T => {
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new Error(
        `The stream sent a line that is not JSON: ${line.slice(0, 200)}`,
      );
    }
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) yield parse(line);
        newline = buffered.indexOf('\n');
      }
    }
    buffered += decoder.decode();
    const rest = buffered.trim();
    if (rest) yield parse(rest);
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
