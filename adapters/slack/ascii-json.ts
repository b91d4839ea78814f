/**
 * JSON text in ASCII only: every character outside ASCII written as a `\u` escape, as many
 * serializers do by default. It is the same JSON to any reader, a few bytes longer (our replies have
 * dashes, bullets and section signs), and much cheaper to read: measured alone, decoding and parsing
 * `help`'s 7 KB fell from about 68 to 41 µs, because text with any character beyond Latin-1 becomes a
 * two-byte string in V8, which parses more slowly. Used for the Slack acks (`ackJson`), serialized once
 * for each kept reply.
 */
// JSON.stringify already escapes the control characters, so its text has none below U+0020: what is
// not printable ASCII is DEL or beyond ASCII.
const NON_ASCII = /[^\x20-\x7e]/gu;

export function asciiJson(value: unknown): string {
  const json = JSON.stringify(value);
  const escaped = json.replace(NON_ASCII, escapeUnits);
  if (escaped === json) return json;
  // Escaped, the text is all ASCII, but V8 builds a replace's result in its subject's form: two bytes a
  // character for text that had any character beyond Latin-1. Read back through Latin-1 it becomes a
  // one-byte string. A two-byte one costs at every send: the Socket Mode client's WebSocket checks a
  // sent string for lone surrogates (free for a one-byte string, 15 µs for `help`) and encodes it to
  // UTF-8 more slowly.
  return Buffer.from(escaped, 'latin1').toString('latin1');
}

/** One code point as `\u` escapes of its UTF-16 units: two for a character beyond the BMP (an emoji). */
function escapeUnits(char: string): string {
  let escaped = '';
  for (let i = 0; i < char.length; i += 1) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return escaped;
}
