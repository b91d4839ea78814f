/**
 * Web API failures → the core's `DeliveryError` with a neutral reason (gone, no access,
 * rejected, rate limited, transient) and words for the owner where useful, and a
 * short, safe description for logs (never the request, never a token).
 */
import { DeliveryError, FOREIGN_TENANT, type FailureReason } from '../../src/core/ports.js';

/** What Slack's error codes mean to the core. Codes not listed are transient (retried). */
const SLACK_REASONS: Readonly<Record<string, FailureReason>> = {
  channel_not_found: 'gone',
  is_archived: 'gone',
  account_inactive: 'gone',
  user_not_found: 'gone',
  user_disabled: 'gone',
  users_not_found: 'gone',
  message_not_found: 'gone',
  not_in_channel: 'no-access',
  cannot_dm_bot: 'no-access',
  restricted_action: 'no-access',
  restricted_action_read_only_channel: 'no-access',
  restricted_action_thread_only_channel: 'no-access',
  missing_scope: 'no-access',
  not_authed: 'no-access',
  invalid_auth: 'no-access',
  token_revoked: 'no-access',
  token_expired: 'no-access',
  no_permission: 'no-access',
  team_access_not_granted: 'no-access',
  ekm_access_denied: 'no-access',
  org_login_required: 'no-access',
  [FOREIGN_TENANT]: 'no-access',
  app_uninstalled: 'no-access',
  cant_update_message: 'rejected',
  edit_window_closed: 'rejected',
  invalid_blocks: 'rejected',
  invalid_metadata_format: 'rejected',
  msg_too_long: 'rejected',
  no_text: 'rejected',
  ratelimited: 'rate-limited',
};

/** What an owner can do about the commonest refusals, in words (shown when a post is paused). */
const SLACK_EXPLANATIONS: Readonly<Record<string, string>> = {
  channel_not_found: 'the channel was deleted or the bot cannot see it',
  is_archived: 'the channel is archived',
  not_in_channel: 'the bot is not a member of the channel (invite it)',
  app_uninstalled: 'the app was removed from this workspace',
  account_inactive: 'the account is deactivated',
};

/** A Slack error code as the core's neutral reason. */
export function slackFailureReason(code: string): FailureReason {
  return SLACK_REASONS[code] ?? 'transient';
}

/** A `DeliveryError` for a Slack error code. */
export function slackDeliveryError(code: string, message: string, retryAfterMs?: number): DeliveryError {
  return new DeliveryError('slack', code, slackFailureReason(code), message, SLACK_EXPLANATIONS[code], retryAfterMs);
}

/** The Slack error code of a failed WebClient call (`channel_not_found`, `http_503`, …). */
export function slackErrorCode(error: unknown): string {
  if (error instanceof DeliveryError) return error.code;
  const e = error as {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    original?: { message?: string };
  } | null;
  if (e?.data?.error) return e.data.error;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (e?.code === 'slack_webapi_http_error') return `http_${e.statusCode ?? 'error'}`;
  // A 429 still refused after the client's own waits and retries (the client wraps it as a request error).
  if (e?.code === 'slack_webapi_request_error' && e.original?.message?.startsWith('A rate limit was exceeded'))
    return 'ratelimited';
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
  return slackDeliveryError(code, `Slack ${what} failed: ${code}`, retryAfterMs);
}

/** What to log about a failure: the code and message, not the whole error object. */
export function describeError(error: unknown): { code: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { code: slackErrorCode(error), message };
}
