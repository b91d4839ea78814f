/**
 * Web API failures → the core's `DeliveryError` (permanent or worth retrying) and a
 * short, safe description for logs (never the request, never a token).
 */
import { DeliveryError } from '../../src/core/ports.js';

/** Slack error codes that retrying will not heal: the channel, user, or the app's access is gone. */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'account_inactive',
  'user_not_found',
  'user_disabled',
  'users_not_found',
  'cannot_dm_bot',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'invalid_blocks',
  'invalid_metadata_format',
  'msg_too_long',
  'no_text',
  'missing_scope',
  'not_authed',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'no_permission',
  'team_access_not_granted',
  'ekm_access_denied',
  'org_login_required',
  'wrong_tenant',
]);

/** The Slack error code of a failed WebClient call (`channel_not_found`, `http_503`, …). */
export function slackErrorCode(error: unknown): string {
  if (error instanceof DeliveryError) return error.code;
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; original?: { message?: string } } | null;
  if (e?.data?.error) return e.data.error;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (e?.code === 'slack_webapi_http_error') return `http_${e.statusCode ?? 'error'}`;
  if (e?.code === 'slack_webapi_request_error') return 'request_failed';
  return 'unknown';
}

/** A WebClient failure as a `DeliveryError`, permanent when retrying cannot help. */
export function toDeliveryError(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const code = slackErrorCode(error);
  // With rejectRateLimitedCalls the WebClient hands a 429 over with its Retry-After (seconds).
  const retryAfter = (error as { retryAfter?: unknown } | null)?.retryAfter;
  const retryAfterMs = code === 'ratelimited' && typeof retryAfter === 'number' ? retryAfter * 1000 : undefined;
  const permanent = PERMANENT_SLACK_ERRORS.has(code);
  return new DeliveryError('slack', code, permanent, `Slack ${what} failed: ${code}`, retryAfterMs);
}

/** What to log about a failure: the code and message, not the whole error object. */
export function describeError(error: unknown): { code: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { code: slackErrorCode(error), message };
}
