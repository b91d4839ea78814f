/**
 * Over HTTP a kept reply's acknowledgment is its JSON text, serialized once, sent with the JSON
 * content type (`http-ack.ts`). Through the real Bolt HTTP receiver.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registry } from '../../../src/core/features/index.js';
import { MemoryLogger } from '../../../src/log.js';
import { makeServices } from '../../helpers/services.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  const core = await makeServices({ logger: new MemoryLogger() });
  h = await startHarness(registry, core.services);
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/u;

describe('a reply in the HTTP acknowledgment', () => {
  it('is JSON with its content type, in ASCII, and reads as the message', async () => {
    const sent = await h.command('help');
    expect(sent.status).toBe(200);
    expect(sent.contentType).toBe('application/json');
    expect(PRINTABLE_ASCII.test(sent.body)).toBe(true);
    const body = JSON.parse(sent.body) as {
      response_type: string;
      blocks: { type: string; text?: { text: string } }[];
    };
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks[0]?.text?.text).toBe('LLM alignment & safety challenges (Anwar et al., 2024)');
    expect(sent.body).toContain('\\u2022 `2.1`');
  });

  it('is not serialized again for a kept reply asked again: the same bytes, and no JSON.stringify of the message', async () => {
    const first = await h.command('challenge 3.5');
    const stringify = vi.spyOn(JSON, 'stringify');
    const second = await h.command('challenge 3.5');
    expect(second.body).toBe(first.body);
    const messages = stringify.mock.calls.filter(
      ([value]) => typeof value === 'object' && value !== null && 'blocks' in value,
    );
    expect(messages).toEqual([]);
  });

  it('carries a reply that is not kept the same way, serialized for its request', async () => {
    const sent = await h.command('challenge 9.9');
    expect(sent.contentType).toBe('application/json');
    const body = JSON.parse(sent.body) as { text: string };
    expect(body.text).toMatch(/9\.9/u);
  });
});
