/**
 * Over HTTP, a kept reply's acknowledgment goes as the JSON text it was serialized to once (`ackJson`,
 * ASCII), as it does in Socket Mode. Bolt's HTTP receiver serializes an object ack again at every
 * request (several kilobytes of Block Kit for `help`), and sends a text ack as it is but with no
 * content type, which Slack would show as the message's text. So the request listener remembers
 * each request's response (`rememberResponses`), the receiver puts it in the request's context
 * (`httpAckProperties`, its `customPropertiesExtractor`), and `replyAck` gives it the JSON content
 * type before acknowledging with the text: Node keeps a header set beforehand when Bolt then writes
 * the status without headers of its own. A test through the real receiver checks both.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const KEY = 'httpResponse';
const responses = new WeakMap<IncomingMessage, ServerResponse>();

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Wraps the receiver's request listener: each request's response, findable from the request. */
export function rememberResponses(listener: Listener): Listener {
  return (req, res) => {
    responses.set(req, res);
    listener(req, res);
  };
}

/** For `HTTPReceiver`'s `customPropertiesExtractor`: the request's response, under our key. */
export function httpAckProperties(req: IncomingMessage): Record<string, unknown> {
  const res = responses.get(req);
  return res === undefined ? {} : { [KEY]: res };
}

/** The response a request's context carries, if it has not started yet. */
export function pendingResponse(context: Readonly<Record<string, unknown>>): ServerResponse | undefined {
  const res = context[KEY] as ServerResponse | undefined;
  return res !== undefined && !res.headersSent ? res : undefined;
}
