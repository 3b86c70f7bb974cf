import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { SshKey } from '@internal/plugin-sindri-common';

const KEY_TYPE =
  /^(ssh-(rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)$/;

/** The SSH wire format's strings, in order: a key blob is a list of them. */
function wireStrings(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 4 <= blob.length; ) {
    const length = blob.readUInt32BE(at);
    out.push(blob.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

/** Bits of an mpint (a leading zero byte only keeps it positive). */
const mpintBits = (n: Buffer) => {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]));
};

function bitsOf(type: string, blob: Buffer): number | undefined {
  const parts = wireStrings(blob);
  if (type === 'ssh-rsa') return parts[2] && mpintBits(parts[2]);
  if (type === 'ssh-dss') return parts[1] && mpintBits(parts[1]);
  if (type.includes('ed25519')) return 256;
  if (type.includes('ed448')) return 456;
  const curve = /nistp(\d+)/.exec(type);
  return curve ? Number(curve[1]) : undefined;
}

function weakness(type: string, bits?: number): string | undefined {
  if (type === 'ssh-dss')
    return 'DSA: OpenSSH no longer accepts DSA keys by default';
  if (type === 'ssh-rsa' && bits !== undefined && bits < 2048)
    return `RSA of ${bits} bits: below 2048`;
  return undefined;
}

/**
 * The keys an authorized_keys file lets in: type, size, SHA256 fingerprint
 * and comment, as `ssh-keygen -l` shows them. The key itself is never kept.
 */
export function parseAuthorizedKeys(file: string, text: string): SshKey[] {
  const keys: SshKey[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    // options may come first: the key starts at the first token that is a key type
    const tokens = line.split(/\s+/);
    const at = tokens.findIndex(t => KEY_TYPE.test(t));
    if (at < 0 || !tokens[at + 1]) continue;
    const type = tokens[at];
    const blob = Buffer.from(tokens[at + 1], 'base64');
    if (!blob.length) continue;
    const bits = bitsOf(type, blob);
    const fingerprint = `SHA256:${crypto
      .createHash('sha256')
      .update(blob)
      .digest('base64')
      .replace(/=+$/, '')}`;
    const comment = tokens
      .slice(at + 2)
      .join(' ')
      .slice(0, 256);
    const weak = weakness(type, bits);
    keys.push({
      file,
      type,
      ...(bits ? { bits } : {}),
      fingerprint,
      ...(comment ? { comment } : {}),
      ...(weak ? { weak } : {}),
    });
  }
  return keys;
}

/** The authorized keys of the agent's user and, when readable, root's. */
export async function readAuthorizedKeys(
  files = [
    ...(process.env.HOME
      ? [
          `${process.env.HOME}/.ssh/authorized_keys`,
          `${process.env.HOME}/.ssh/authorized_keys2`,
        ]
      : []),
    '/root/.ssh/authorized_keys',
  ],
): Promise<SshKey[]> {
  const keys: SshKey[] = [];
  for (const file of [...new Set(files)]) {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text) keys.push(...parseAuthorizedKeys(file, text));
  }
  return keys;
}
