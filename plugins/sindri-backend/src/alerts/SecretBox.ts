import crypto from 'node:crypto';
import { InputError } from '@backstage/errors';
import { SindriConfigError } from '@internal/plugin-sindri-node';

const VERSION = 'v1';

/**
 * Encrypts the secrets of alert channels (signing keys, Slack webhook URLs,
 * PagerDuty routing keys) with AES-256-GCM under a key derived from the
 * configured `sindri.alerts.secretKey`, so the database never holds them in
 * the clear. Without a key no secret can be stored.
 */
export class SecretBox {
  private readonly key?: Buffer;

  constructor(secretKey: string | undefined) {
    if (secretKey !== undefined && secretKey.length < 32)
      throw new SindriConfigError(
        'sindri.alerts.secretKey',
        'must be at least 32 characters',
      );
    this.key = secretKey
      ? crypto.createHash('sha256').update(secretKey).digest()
      : undefined;
  }

  get configured(): boolean {
    return Boolean(this.key);
  }

  seal(plain: string): string {
    if (!this.key)
      throw new InputError(
        'secret: cannot be stored, sindri.alerts.secretKey is not configured',
      );
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([
      cipher.update(plain, 'utf8'),
      cipher.final(),
    ]);
    return [VERSION, iv, cipher.getAuthTag(), sealed]
      .map(part => (typeof part === 'string' ? part : part.toString('base64')))
      .join(':');
  }

  open(stored: string): string {
    if (!this.key) throw new Error('sindri.alerts.secretKey is not configured');
    const [version, iv, tag, sealed] = stored.split(':');
    if (version !== VERSION) throw new Error('unknown secret format');
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      this.key,
      Buffer.from(iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  }
}
