/**
 * The subscribable reading-group calendar, `GET /calendar/<token>.ics`, as a custom route
 * of Bolt's HTTP receiver (HTTP mode only). The token is the only credential: an unknown,
 * malformed or reset token answers 404, the same as a path that does not exist, so
 * answers tell nothing about which tokens were ever valid. The token is never logged.
 */
import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { referenceId } from '../../src/core/errors.js';
import type { Logger } from '../../src/log.js';
import { describeError } from './slack-errors.js';

/** The calendar a token opens, or undefined (core: `calendarFeed`). */
export type CalendarFeedReader = (
  token: string,
) => Promise<{ readonly filename: string; readonly content: string } | undefined>;

export const CALENDAR_ROUTE = '/calendar/:file';
const FILE = /^([A-Za-z0-9_-]{43})\.ics$/u;
/** Every method is routed here, so that no other handler ever logs a URL that carries a token. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const PLAIN = { 'Content-Type': 'text/plain; charset=utf-8' };
/** Calendar apps poll: a few minutes of caching spares the database. `no-referrer` keeps the token out of Referer. */
const COMMON = {
  'Cache-Control': 'private, max-age=300',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

type Headers = Record<string, string>;

function answer(res: ServerResponse, status: number, headers: Headers, body: string, withBody: boolean): void {
  res.writeHead(status, { ...COMMON, ...headers });
  res.end(withBody ? body : undefined);
}

async function serve(read: CalendarFeedReader, method: string, file: string, res: ServerResponse): Promise<void> {
  if (method !== 'GET' && method !== 'HEAD') {
    answer(res, 405, { Allow: 'GET, HEAD', ...PLAIN }, 'Only GET and HEAD.\n', true);
    return;
  }
  const withBody = method === 'GET';
  const token = FILE.exec(file)?.[1];
  const calendar = token === undefined ? undefined : await read(token);
  if (!calendar) {
    answer(res, 404, PLAIN, 'No such calendar.\n', withBody);
    return;
  }
  const headers = {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `inline; filename="${calendar.filename}"`,
  };
  answer(res, 200, headers, calendar.content, withBody);
}

export function calendarFeedRoute(read: CalendarFeedReader, logger: Logger): CustomRoute {
  return {
    path: CALENDAR_ROUTE,
    method: METHODS,
    handler: (req, res) => {
      const file = String(req.params?.['file'] ?? '');
      serve(read, (req.method ?? 'GET').toUpperCase(), file, res).catch((error: unknown) => {
        logger.error({ ref: referenceId(), error: describeError(error) }, 'calendar feed failed');
        if (res.headersSent) res.end();
        else answer(res, 500, PLAIN, 'The calendar could not be made just now.\n', true);
      });
    },
  };
}
