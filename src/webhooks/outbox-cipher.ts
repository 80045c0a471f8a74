import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What the keys are derived for: a key of the outbox is never a signing key itself. */
const KEY_INFO = 'execution-plane webhook outbox v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A Standard Webhooks secret's bytes (`whsec_<base64>`). */
const secretBytes = (secret: string) => Buffer.from(secret.slice('whsec_'.length), 'base64');

/**
 * Seals what the Redis outbox keeps (a delivery's target headers are credentials) with
 * AES-256-GCM, under keys derived (HKDF-SHA256) from WEBHOOK_SIGNING_KEYS, which every
 * instance shares: the first seals, every one opens (rotation).
 */
export class OutboxCipher {
  private readonly keys: Buffer[];

  constructor(signingKeys: readonly string[]) {
    this.keys = signingKeys.map((secret) =>
      Buffer.from(hkdfSync('sha256', secretBytes(secret), Buffer.alloc(0), KEY_INFO, 32)),
    );
  }

  seal(text: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0], iv);
    const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
  }

  /** The text, or undefined when no key opens it (sealed under a key since removed). */
  open(sealed: string): string | undefined {
    const bytes = Buffer.from(sealed, 'base64');
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    for (const key of this.keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv).setAuthTag(tag);
        return Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        // Another key sealed it.
      }
    }
    return undefined;
  }
}
