import crypto from 'node:crypto';

/**
 * Agent tokens look like `sindri_<token id>_<secret>`. The id finds the row;
 * only a sha256 of the secret is stored, and it is compared in constant time.
 */
const PREFIX = 'sindri';
const TOKEN_PATTERN = /^sindri_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface MintedToken {
  id: string;
  secretSha256: string;
  token: string;
}

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function mintAgentToken(): MintedToken {
  const id = crypto.randomUUID().replace(/-/g, '');
  const secret = crypto.randomBytes(32).toString('base64url');
  return {
    id,
    secretSha256: hashSecret(secret),
    token: `${PREFIX}_${id}_${secret}`,
  };
}

export function parseAgentToken(
  token: string,
): { id: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1], secret: match[2] } : undefined;
}

export function secretMatches(secret: string, storedSha256: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedSha256, 'hex');
  return (
    given.length === stored.length && crypto.timingSafeEqual(given, stored)
  );
}

/** Reads the token from `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
