/**
 * Slack's rule for signed requests: refuse any whose timestamp is more than five minutes
 * from now, in either direction. Bolt's HTTP receiver refuses only old ones, so a request
 * signed with a timestamp in the future (replayable until that time comes) would be served.
 * This guard runs before Bolt reads the request and answers 401 for both.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../src/log.js';

/** Slack's allowed distance between a request's timestamp and now. */
export const MAX_REQUEST_SKEW_SECONDS = 5 * 60;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Wraps a request listener: requests whose timestamp is too far from `now` get 401, logged once each. */
export function refuseOutOfTimeRequests(listener: Listener, logger: Logger, now: () => number = Date.now): Listener {
  return (req, res) => {
    const header = req.headers['x-slack-request-timestamp'];
    const timestamp = typeof header === 'string' && /^\d+$/u.test(header) ? Number(header) : undefined;
    const skew = timestamp === undefined ? 0 : timestamp - Math.floor(now() / 1000);
    if (Math.abs(skew) <= MAX_REQUEST_SKEW_SECONDS) {
      // No (or a malformed) timestamp is left to Bolt, which refuses it while verifying the signature.
      listener(req, res);
      return;
    }
    const message = 'refused a Slack request whose timestamp is more than 5 minutes from now';
    logger.warn({ skewSeconds: skew, path: req.url }, message);
    req.resume();
    res.writeHead(401).end();
  };
}
