import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordAdapter } from '../../../adapters/discord/index.js';
import { MemoryLogger } from '../../../src/log.js';
import { FakeDiscord, IDS } from '../../fakes/discord/index.js';
import { makeServices } from '../../helpers/services.js';

let fake: FakeDiscord | undefined;
let adapter: DiscordAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
});

describe('internal sharding in gateway mode', () => {
  it('opens as many shards as GET /gateway/bot recommends, each identifying with its id and the count', async () => {
    fake = await FakeDiscord.start();
    fake.records.recommendedShards = 2;
    const logger = new MemoryLogger();
    const core = await makeServices({ logger });
    adapter = await startDiscord({
      config: { token: fake.token, applicationId: IDS.application, apiUrl: fake.apiUrl },
      dispatcher: core.dispatcher,
      logger,
      client: { rest: { offset: 0 } },
    });
    expect([...fake.gateway.record.identifyShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(adapter.client.options.shardCount).toBe(2);
  });
});
