/**
 * Discord signs every HTTP interaction with the application's Ed25519 key: the signature
 * (`X-Signature-Ed25519`, hex) covers the timestamp header followed by the raw body. A
 * request that fails any check is refused before its body is parsed.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * How far a request's timestamp may be from now, either way. Discord does not name a window;
 * it delivers at once and wants an answer within 3 s, so a request older than this is a replay,
 * not a slow delivery. Five minutes is Slack's rule too (`adapters/slack/request-age.ts`),
 * and leaves room for a clock that is off by a minute or two.
 */
export const MAX_TIMESTAMP_SKEW_SECONDS = 5 * 60;

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key (64 hex digits, as the Developer Portal shows it) as a Node key. */
export function interactionsPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/iu.test(hex)) throw new Error('the Discord public key must be 64 hex digits');
  const der = Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]);
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

export type Refusal = 'missing-signature' | 'malformed-signature' | 'stale-timestamp' | 'bad-signature';

export interface SignedRequest {
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly body: Buffer;
}

/** Undefined when the request is Discord's, otherwise why it is not. */
export function refusalOf(request: SignedRequest, key: KeyObject, nowMs: number): Refusal | undefined {
  const { signature, timestamp } = request;
  if (signature === undefined || timestamp === undefined) return 'missing-signature';
  if (!/^[0-9a-f]{128}$/iu.test(signature) || !/^\d{1,12}$/u.test(timestamp)) return 'malformed-signature';
  if (Math.abs(Number(timestamp) - Math.floor(nowMs / 1000)) > MAX_TIMESTAMP_SKEW_SECONDS) return 'stale-timestamp';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), request.body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? undefined : 'bad-signature';
}
