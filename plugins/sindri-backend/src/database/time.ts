/**
 * better-sqlite3 returns timestamps as epoch milliseconds or as the text of
 * CURRENT_TIMESTAMP, pg as Date objects: one function reads all three.
 */
export function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') {
    const text = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)
      ? `${value.replace(' ', 'T')}Z`
      : value;
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

export function toIso(value: unknown): string | undefined {
  return toDate(value)?.toISOString();
}
