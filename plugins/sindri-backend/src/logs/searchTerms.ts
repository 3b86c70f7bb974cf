/** At most this many words of a query are searched for. */
const MAX_TERMS = 16;

/**
 * The words of a search, as both full-text engines split text (letters and
 * digits; everything else separates), lower-cased. Every word must be in a
 * line for it to match.
 */
export function searchTerms(query: string): string[] {
  return [
    ...new Set(
      query
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ].slice(0, MAX_TERMS);
}

/** Where the terms occur in a line, as [start, end) ranges in order, for highlighting. */
export function highlightRanges(
  text: string,
  terms: string[],
): Array<[number, number]> {
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    for (
      let at = lower.indexOf(term);
      at >= 0;
      at = lower.indexOf(term, at + 1)
    )
      ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return ranges.reduce<Array<[number, number]>>((merged, r) => {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
    return merged;
  }, []);
}
