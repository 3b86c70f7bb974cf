import { SESSION_ID_PATTERN } from '@internal/plugin-sindri-common';

const key = (instance: string) => `sindri.terminal.sessions.${instance}`;

/** A new terminal session id: a uuid (randomUUID needs a secure context, so fall back to getRandomValues). */
export function newSessionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The session ids this browser tab has open on an instance, so a reload re-attaches to them. */
export function loadSessionIds(instance: string): string[] {
  try {
    const stored = JSON.parse(
      window.sessionStorage.getItem(key(instance)) ?? '[]',
    );
    return Array.isArray(stored)
      ? stored.filter(
          (id): id is string =>
            typeof id === 'string' && SESSION_ID_PATTERN.test(id),
        )
      : [];
  } catch {
    return [];
  }
}

export function saveSessionIds(instance: string, ids: string[]): void {
  try {
    if (ids.length)
      window.sessionStorage.setItem(key(instance), JSON.stringify(ids));
    else window.sessionStorage.removeItem(key(instance));
  } catch {
    // storage full or disabled: sessions just will not survive a reload
  }
}
