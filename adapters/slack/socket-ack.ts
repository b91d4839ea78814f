/**
 * Socket Mode acknowledgments without Bolt's wrapper. Bolt's Socket Mode `ack` serializes
 * the body twice for two debug lines, whatever the log level, before the client serializes
 * it once more to send it: three JSON.stringify calls of a whole reply (several kilobytes of
 * Block Kit) on the way to the user. The Socket Mode client's own `ack` sends the same
 * envelope after the one serialization that counts. The receiver passes it into each
 * request's context (`socketAckProperties`); `replyAck` picks it when it is there.
 */
import type { AckFn, Context, RespondArguments } from '@slack/bolt';

const KEY = 'socketModeAck';

type SocketAck = (response?: Record<string, unknown>) => Promise<void>;

/** For `SocketModeReceiver`'s `customPropertiesExtractor`: the client's ack for the request, under our key. */
export function socketAckProperties(args: { readonly ack?: unknown }): Record<string, unknown> {
  return typeof args.ack === 'function' ? { [KEY]: args.ack } : {};
}

/**
 * The ack to answer a slash command with: in Socket Mode the client's own (sending the same
 * envelope Bolt's would), over HTTP Bolt's. Called at most once per request, like Bolt's.
 */
export function replyAck(
  context: Context,
  ack: AckFn<string | RespondArguments>,
): (body: RespondArguments) => Promise<void> {
  const socketAck = context[KEY] as SocketAck | undefined;
  if (typeof socketAck !== 'function') return (body) => ack(body);
  return (body) => socketAck(body);
}
