/**
 * The Home publisher's coalescing, with a recording stand-in for the Web API client:
 * requests for one person that arrive while a publish waits join it, whatever the load.
 */
import { describe, expect, it } from 'vitest';
import type { webApi } from '@slack/bolt';
import { registry } from '../../../src/core/features/index.js';
import { Dispatcher } from '../../../src/core/dispatcher.js';
import { silentLogger } from '../../../src/log.js';
import { HomePublisher } from '../../../adapters/slack/home-publisher.js';
import { makeServices } from '../../helpers/services.js';

function recordingClient() {
  const published: { userId: string; at: number }[] = [];
  const zoneAsked: string[] = [];
  const client = {
    views: {
      publish: async (args: { user_id: string }) => {
        published.push({ userId: args.user_id, at: Date.now() });
        return { ok: true };
      },
    },
    users: {
      info: async (args: { user: string }) => {
        zoneAsked.push(args.user);
        return { ok: true, user: { tz: 'Asia/Tokyo' } };
      },
    },
  };
  return { client: client as unknown as webApi.WebClient, published, zoneAsked };
}

describe('the Home publisher', () => {
  it('publishes once for requests that arrive together, and paces the next one by the interval', async () => {
    const { client, published, zoneAsked } = recordingClient();
    const dispatcher = new Dispatcher(registry, (await makeServices()).services);
    const publisher = new HomePublisher({ client, dispatcher, logger: silentLogger, minIntervalMs: 200 });
    await Promise.all([publisher.opened('T1', 'U1'), publisher.changed('T1', 'U1'), publisher.changed('T1', 'U1')]);
    expect(published).toEqual([{ userId: 'U1', at: expect.any(Number) }]);
    await Promise.all([publisher.changed('T1', 'U1'), publisher.changed('T1', 'U1')]);
    expect(published).toHaveLength(2);
    expect((published[1]?.at ?? 0) - (published[0]?.at ?? 0)).toBeGreaterThanOrEqual(190);
    // The zone is asked once and remembered.
    expect(zoneAsked).toEqual(['U1']);
    publisher.stop();
  });

  it('redraws nobody who has not opened their Home tab, and keeps people apart', async () => {
    const { client, published } = recordingClient();
    const dispatcher = new Dispatcher(registry, (await makeServices()).services);
    const publisher = new HomePublisher({ client, dispatcher, logger: silentLogger, minIntervalMs: 200 });
    await publisher.changed('T1', 'U2');
    expect(published).toEqual([]);
    await Promise.all([publisher.opened('T1', 'U1'), publisher.opened('T1', 'U3')]);
    expect(published.map((p) => p.userId).sort()).toEqual(['U1', 'U3']);
    publisher.stop();
  });

  it('lets a waiting publish go on stop instead of leaving its caller waiting', async () => {
    const { client, published } = recordingClient();
    const dispatcher = new Dispatcher(registry, (await makeServices()).services);
    const publisher = new HomePublisher({ client, dispatcher, logger: silentLogger, minIntervalMs: 10_000 });
    await publisher.opened('T1', 'U1');
    const waiting = publisher.changed('T1', 'U1');
    publisher.stop();
    await waiting;
    expect(published).toHaveLength(1);
  });
});
