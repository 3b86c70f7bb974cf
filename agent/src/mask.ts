/** Names whose values are secrets: env variables, YAML keys, event data keys. */
const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH|(^|[_-])KEY$)/i;
const ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/g;

export const MASK = '***';

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Masks `NAME=value` pairs whose name looks secret inside free text. */
export function maskText(text: string): string {
  return text.replace(ASSIGNMENT, (whole, name: string) =>
    isSecretName(name) ? `${name}=${MASK}` : whole,
  );
}

/**
 * Returns a copy with the value of every secret-looking key masked and
 * secret-looking assignments masked inside strings, at any depth.
 */
export function maskSecrets<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map(v => maskSecrets(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        isSecretName(k) && v !== null && typeof v !== 'object'
          ? MASK
          : maskSecrets(v),
      ]),
    ) as T;
  }
  return value;
}
