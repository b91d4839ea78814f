/**
 * Socket Mode acknowledgments without Bolt's wrapper. Bolt's Socket Mode `ack` serializes
 * the body twice for two debug lines, whatever the log level, before the client serializes
 * it once more to send it: three JSON.stringify calls of a whole reply (several kilobytes of
 * Block Kit) on the way to the user. The receiver passes the client's own `ack`, the
 * envelope id and the connection into each request's context (`socketAckProperties`), and
 * `replyAck` answers with them.
 *
 * A reply's JSON text is the client's envelope around the reply's own JSON, which a kept reply
 * has serialized once (`ackJson`, in ASCII). So it goes over the client's socket as text, the JSON the
 * client's `ack` would have sent, without serializing several kilobytes again for every request.
 */
import type { AckFn, Context, RespondArguments } from '@slack/bolt';
import type { Reply } from '../../src/core/message.js';
import { ackJson, ackMessage } from './replies.js';
import { pendingResponse } from './http-ack.js';

const KEY = 'socketModeAck';

type SocketAck = (response?: Record<string, unknown>) => Promise<void>;

/** The part of `SocketModeReceiver.client` a reply goes out through (its public `websocket`). */
export interface SocketConnection {
  readonly websocket?: {
    isActive(): boolean;
    send(data: string, cb: (err: Error | undefined) => void): void;
  };
}

interface SocketReplier {
  readonly ack: SocketAck;
  readonly envelopeId: string;
  readonly connection: SocketConnection;
}

/**
 * For `SocketModeReceiver`'s `customPropertiesExtractor`: the client's ack for the request, its envelope
 * id and the connection it came in on, under our key.
 */
export function socketAckProperties(
  args: { readonly ack?: unknown; readonly envelope_id?: unknown },
  connection: SocketConnection,
): Record<string, unknown> {
  if (typeof args.ack !== 'function' || typeof args.envelope_id !== 'string') return {};
  const replier: SocketReplier = { ack: args.ack as SocketAck, envelopeId: args.envelope_id, connection };
  return { [KEY]: replier };
}

/**
 * Answers a slash command with `reply` in its acknowledgment: in Socket Mode as the client's own
 * envelope, over HTTP as the reply's JSON text with its content type (`http-ack.ts`), otherwise
 * through Bolt's ack. Called at most once per request, like Bolt's.
 */
export function replyAck(context: Context, ack: AckFn<string | RespondArguments>, reply: Reply): Promise<void> {
  const replier = context[KEY] as SocketReplier | undefined;
  if (replier === undefined) {
    const response = pendingResponse(context);
    if (response === undefined) return ack(ackMessage(reply));
    response.setHeader('Content-Type', 'application/json');
    return ack(ackJson(reply));
  }
  const socket = replier.connection.websocket;
  // Not connected: the client's own ack refuses with its own error, as it did before.
  if (socket === undefined || !socket.isActive()) return replier.ack(ackMessage(reply));
  const text = `{"envelope_id":${JSON.stringify(replier.envelopeId)},"payload":${ackJson(reply)}}`;
  return new Promise((resolve, reject) => socket.send(text, (error) => (error ? reject(error) : resolve())));
}
