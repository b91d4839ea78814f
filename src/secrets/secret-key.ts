/**
 * The key that encrypts secrets at rest (`AGENDABOT_SECRET_KEY`: 32 random bytes, base64).
 * The bytes stay inside this object: it prints, logs and serialises as its id only, so a
 * config dump or a log record can never carry the key.
 */
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

/** How long a key is, in bytes (AES-256). */
export const SECRET_KEY_BYTES = 32;

export class SecretKey {
  readonly #bytes: Buffer;
  /** A short fingerprint stored next to each encrypted row, so rotation knows which key made it. */
  readonly id: string;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
    this.id = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  }

  /** The key from its base64 text, or null when that is not exactly 32 bytes of base64. */
  static fromBase64(text: string): SecretKey | null {
    const trimmed = text.trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/u.test(trimmed)) return null;
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length !== SECRET_KEY_BYTES) return null;
    return new SecretKey(bytes);
  }

  /** The raw bytes, for `node:crypto` only. */
  bytes(): Buffer {
    return this.#bytes;
  }

  toJSON(): string {
    return `[secret key ${this.id}]`;
  }

  toString(): string {
    return this.toJSON();
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}

/** The setting's problem, worded for the operator (never echoing the value), or the key. */
export function readSecretKey(name: string, raw: string | undefined): SecretKey | string {
  if (raw === undefined || raw.trim() === '') {
    return (
      `${name} is missing: OAuth mode keeps Slack tokens encrypted with it (32 random bytes, base64; ` +
      'make one with: openssl rand -base64 32).'
    );
  }
  return SecretKey.fromBase64(raw) ?? `${name} is not 32 bytes of base64 (make one with: openssl rand -base64 32).`;
}
