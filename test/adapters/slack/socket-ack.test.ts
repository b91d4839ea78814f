import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogLevel, SocketModeReceiver, type Context } from '@slack/bolt';
import type { Reply } from '../../../src/core/message.js';
import { ReplyMemo } from '../../../src/core/reply-memo.js';
import { replyAck, socketAckProperties, type SocketConnection } from '../../../adapters/slack/socket-ack.js';
import { boltLogger } from '../../../adapters/slack/bolt-logger.js';
import { MemoryLogger } from '../../../src/log.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.js';
import { slashCommandPayload } from '../../fakes/slack/signed-requests.js';

/** A connection that keeps every text it is asked to send (or fails every send with `failWith`). */
function recordingConnection(active = true, failWith?: Error) {
  const sent: string[] = [];
  const connection: SocketConnection = {
    websocket: {
      isActive: () => active,
      send: (data, cb) => {
        sent.push(data);
        cb(failWith);
      },
    },
  };
  return { sent, connection };
}

function socketContext(envelopeId: string, connection: SocketConnection, clientAck = vi.fn(async () => {})): Context {
  return socketAckProperties({ ack: clientAck, envelope_id: envelopeId }, connection) as Context;
}

const boltAck = () => vi.fn(async (_body?: unknown) => {});

const keptReply = (): Reply =>
  new ReplyMemo<object>().get({}, 'tea', () => ({
    visibility: 'ephemeral',
    summary: 'Café <tea> & "cake"',
    blocks: [{ kind: 'text', spans: ['Café <tea> & "cake"'] }],
  }));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Socket Mode acknowledgments with a reply', () => {
  it('sends the envelope the client would send, as one ASCII text, without calling either ack', async () => {
    const { sent, connection } = recordingConnection();
    const clientAck = vi.fn(async () => {});
    const ack = boltAck();
    await replyAck(socketContext('env-1', connection, clientAck), ack, keptReply());
    expect(sent).toEqual([
      '{"envelope_id":"env-1","payload":{"response_type":"ephemeral","text":"Caf\\u00e9 &lt;tea&gt; &amp; \\"cake\\"",' +
        '"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"Caf\\u00e9 &lt;tea&gt; &amp; \\"cake\\""}}]}}',
    ]);
    expect(clientAck).not.toHaveBeenCalled();
    expect(ack).not.toHaveBeenCalled();
  });

  it('serializes a kept reply once: a second answer with it serializes only its envelope id', async () => {
    const reply = keptReply();
    const { sent, connection } = recordingConnection();
    await replyAck(socketContext('env-1', connection), boltAck(), reply);
    const stringify = vi.spyOn(JSON, 'stringify');
    await replyAck(socketContext('env-2', connection), boltAck(), reply);
    expect(stringify.mock.calls).toEqual([['env-2']]);
    expect(sent[1]).toBe(sent[0]?.replace('"env-1"', '"env-2"'));
  });

  it('serializes a reply that is not kept at every answer, with the same bytes', async () => {
    const { sent, connection } = recordingConnection();
    const reply: Reply = { visibility: 'channel', summary: 'x', blocks: [{ kind: 'text', spans: ['x'] }] };
    await replyAck(socketContext('env-3', connection), boltAck(), reply);
    expect(sent).toEqual([
      '{"envelope_id":"env-3","payload":{"response_type":"in_channel","text":"x",' +
        '"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"x"}}]}}',
    ]);
  });

  it("leaves a socket that is not open to the client's own ack, which refuses as before", async () => {
    const { sent, connection } = recordingConnection(false);
    const clientAck = vi.fn(async () => {
      throw new Error('not connected');
    });
    const reply: Reply = { visibility: 'ephemeral', summary: 'y', blocks: [{ kind: 'text', spans: ['y'] }] };
    await expect(replyAck(socketContext('env-4', connection, clientAck), boltAck(), reply)).rejects.toThrow(
      'not connected',
    );
    expect(sent).toEqual([]);
    expect(clientAck).toHaveBeenCalledWith({
      response_type: 'ephemeral',
      text: 'y',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'y' } }],
    });
  });

  it('rejects when the socket fails to send', async () => {
    const { connection } = recordingConnection(true, new Error('socket closed'));
    await expect(replyAck(socketContext('env-5', connection), boltAck(), keptReply())).rejects.toThrow('socket closed');
  });

  it("answers over HTTP (no socket in the context) through Bolt's ack, with the message", async () => {
    const ack = boltAck();
    const reply: Reply = { visibility: 'channel', summary: 'z', blocks: [{ kind: 'text', spans: ['z'] }] };
    await replyAck({} as Context, ack, reply);
    expect(ack).toHaveBeenCalledWith({
      response_type: 'in_channel',
      text: 'z',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'z' } }],
    });
  });
});

describe('Socket Mode acknowledgments through the real Socket Mode client', () => {
  it("go out on the client's own socket, and Slack gets the envelope with the reply", async () => {
    const slack = await FakeSlack.start();
    const socket = await FakeSocketMode.start(slack);
    const receiver: SocketModeReceiver = new SocketModeReceiver({
      appToken: 'xapp-1-A0FAKE-1-secret',
      logLevel: LogLevel.ERROR,
      // The socket's close at the end is logged as an error: kept out of the test's output.
      logger: boltLogger(new MemoryLogger(), LogLevel.ERROR),
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
    const clientAck = vi.fn(async () => {});
    receiver.client.on('slack_event', (args: { envelope_id?: unknown }) => {
      const context = socketAckProperties({ ...args, ack: clientAck }, receiver.client) as Context;
      void replyAck(context, boltAck(), keptReply());
    });
    try {
      await receiver.start();
      await socket.connected();
      const ack = await socket.sendSlashCommand(
        slashCommandPayload({ command: '/agenda', text: 'tea', response_url: slack.responseUrl('tea') }),
      );
      expect(ack).toEqual({
        envelope_id: 'env-1',
        payload: {
          response_type: 'ephemeral',
          text: 'Café &lt;tea&gt; &amp; "cake"',
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Café &lt;tea&gt; &amp; "cake"' } }],
        },
      });
      expect(clientAck).not.toHaveBeenCalled();
    } finally {
      await receiver.stop();
      await socket.close();
      await slack.close();
    }
  });
});
