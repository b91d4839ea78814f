/**
 * Sends requests to a Bolt HTTP endpoint the way Slack does: form-encoded bodies,
 * signed with `v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>")` in
 * `X-Slack-Signature`, the timestamp in `X-Slack-Request-Timestamp`.
 * Options forge a wrong signature or an old timestamp for the rejection tests.
 */
import { createHmac } from 'node:crypto';

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  readonly timestamp?: number;
  /** Sign with this secret instead of the real one (a forged request). */
  readonly wrongSecret?: string;
}

export interface SentRequest {
  readonly status: number;
  readonly body: string;
  /** The answer's Content-Type header, if it had one. */
  readonly contentType: string | null;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function sendSigned(
  url: string,
  secret: string,
  body: string,
  options: SignOptions = {},
  contentType = 'application/x-www-form-urlencoded',
): Promise<SentRequest> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.wrongSecret ?? secret, timestamp, body),
    },
    body,
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}

/** The fields of a slash command that Bolt and the adapter read. */
export interface SlashCommandFields {
  readonly command: string;
  readonly text: string;
  readonly response_url: string;
  readonly user_id?: string;
  readonly user_name?: string;
  readonly channel_id?: string;
  readonly channel_name?: string;
  readonly team_id?: string;
  readonly trigger_id?: string;
}

/** The full slash-command payload, with defaults for everything a test does not care about. */
export function slashCommandPayload(fields: SlashCommandFields): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0ASKER',
    user_name: 'asker',
    api_app_id: 'A0FAKE',
    trigger_id: '111.222.abc',
    is_enterprise_install: 'false',
    ...fields,
  };
}

export function sendSlashCommand(
  url: string,
  secret: string,
  fields: SlashCommandFields,
  options?: SignOptions,
): Promise<SentRequest> {
  return sendSigned(url, secret, new URLSearchParams(slashCommandPayload(fields)).toString(), options);
}

/** Interactivity (block_actions, view_submission): one form field `payload` holding JSON. */
export function sendInteraction(
  url: string,
  secret: string,
  payload: object,
  options?: SignOptions,
): Promise<SentRequest> {
  return sendSigned(url, secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), options);
}

export interface ButtonPress {
  readonly actionId: string;
  readonly value: string;
  readonly responseUrl: string;
  readonly userId?: string;
  readonly channelId?: string;
  /** Omitted for a press on an ephemeral message (Slack sends no message then). */
  readonly messageTs?: string;
  readonly threadTs?: string;
  readonly triggerId?: string;
}

/** A `block_actions` payload as Slack sends it for a button press. */
export function blockActionsPayload(press: ButtonPress): object {
  const channel = press.channelId ?? 'C0GENERAL';
  const ephemeral = press.messageTs === undefined;
  return {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: press.userId ?? 'U0ASKER', username: 'asker', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'deprecated-verification-token',
    trigger_id: press.triggerId ?? '333.444.def',
    channel: { id: channel, name: 'general' },
    container: ephemeral
      ? { type: 'message', message_ts: '1700000000.000001', channel_id: channel, is_ephemeral: true }
      : { type: 'message', message_ts: press.messageTs, channel_id: channel, is_ephemeral: false },
    ...(ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            ts: press.messageTs,
            text: 'card',
            ...(press.threadTs ? { thread_ts: press.threadTs } : {}),
          },
        }),
    response_url: press.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: press.actionId,
        block_id: 'b1',
        value: press.value,
        action_ts: '1700000001.000001',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
}

export interface FormSubmission {
  readonly callbackId: string;
  readonly privateMetadata: string;
  /** What was typed, by input block id (each block's input has action id `value`). */
  readonly inputs: Readonly<Record<string, string>>;
  readonly userId?: string;
  readonly userName?: string;
}

/** A `view_submission` payload as Slack sends it when a modal form is submitted. */
export function viewSubmissionPayload(form: FormSubmission): object {
  const userName = form.userName ?? 'asker';
  const values = Object.fromEntries(
    Object.entries(form.inputs).map(([blockId, value]) => [blockId, { value: { type: 'plain_text_input', value } }]),
  );
  return {
    type: 'view_submission',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: form.userId ?? 'U0ASKER', username: userName, name: userName, team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'deprecated',
    trigger_id: '1.2.3',
    view: {
      id: 'V1',
      type: 'modal',
      callback_id: form.callbackId,
      private_metadata: form.privateMetadata,
      state: { values },
      hash: 'h',
      title: { type: 'plain_text', text: 'x' },
      blocks: [],
      team_id: 'T0FAKE',
      app_id: 'A0FAKE',
      bot_id: 'BFAKE',
    },
  };
}

let eventSequence = 0;

/** An Events API delivery (`event_callback`, JSON), as Slack sends it for a bot event. */
export function sendEvent(
  url: string,
  secret: string,
  event: object,
  options?: SignOptions,
  teamId = 'T0FAKE',
): Promise<SentRequest> {
  eventSequence += 1;
  const body = {
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: 'A0FAKE',
    type: 'event_callback',
    event_id: `Ev${String(eventSequence).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event,
  };
  return sendSigned(url, secret, JSON.stringify(body), options, 'application/json');
}

/** `app_home_opened` for one user, on the Home tab or the Messages tab. */
export function appHomeOpened(userId: string, tab: 'home' | 'messages' = 'home'): object {
  const eventTs = `${Math.floor(Date.now() / 1000)}.000100`;
  return { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab, event_ts: eventTs };
}

/** A `block_actions` payload for a button on the app's Home tab: no channel, message or response_url. */
export interface HomeButtonPress {
  readonly actionId: string;
  readonly value: string;
  readonly userId: string;
}

export function homeButtonPayload(press: HomeButtonPress): object {
  return {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: press.userId, username: 'someone', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'deprecated-verification-token',
    trigger_id: '555.666.ghi',
    container: { type: 'view', view_id: 'VHOME1' },
    view: { id: 'VHOME1', type: 'home', team_id: 'T0FAKE', app_id: 'A0FAKE', bot_id: 'BFAKE', blocks: [], hash: 'h1' },
    actions: [
      {
        type: 'button',
        action_id: press.actionId,
        block_id: 'b1',
        value: press.value,
        action_ts: '1700000001.000001',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
}
