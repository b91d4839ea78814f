/**
 * Authenticated encryption for secrets at rest: AES-256-GCM from `node:crypto`, a fresh
 * random 12-byte IV per seal, and the row's id as associated data, so a sealed value copied
 * into another row fails to open instead of handing one workspace's token to another.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretKey } from './secret-key.js';

export interface Sealed {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly sealed: Buffer;
}

const IV_BYTES = 12;

export function seal(key: SecretKey, plaintext: string, boundTo: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes(), iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: key.id, iv, tag: cipher.getAuthTag(), sealed };
}

/** Throws when the key is wrong or the value was changed or moved to another row. */
export function unseal(key: SecretKey, value: Sealed, boundTo: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key.bytes(), value.iv);
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(value.tag);
  return Buffer.concat([decipher.update(value.sealed), decipher.final()]).toString('utf8');
}

/** The keys a process can open rows with: the current one seals, a previous one only opens (during rotation). */
export class Keyring {
  constructor(
    readonly current: SecretKey,
    readonly previous?: SecretKey,
  ) {}

  keyFor(keyId: string): SecretKey | undefined {
    if (keyId === this.current.id) return this.current;
    return keyId === this.previous?.id ? this.previous : undefined;
  }
}
