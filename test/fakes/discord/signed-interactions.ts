/**
 * Interactions signed as Discord signs them (Ed25519 over the timestamp and the body), for the HTTP
 * interactions endpoint: the tests, the process tests and the cluster bench sign theirs here.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Json } from './records.js';

/** A key pair standing in for the application's: `publicHex` is what DISCORD_PUBLIC_KEY holds. */
export function applicationKeys(): { publicHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicHex = Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url').toString('hex');
  return { publicHex, privateKey };
}

export function signatureOf(timestamp: string, body: string, key: KeyObject): string {
  return sign(null, Buffer.from(timestamp + body, 'utf8'), key).toString('hex');
}

/** POSTs an interaction to an endpoint, signed with `key` at the current second. */
export function postInteraction(url: string, payload: Json, key: KeyObject): Promise<Response> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signatureOf(timestamp, body, key),
      'x-signature-timestamp': timestamp,
    },
    body,
  });
}
