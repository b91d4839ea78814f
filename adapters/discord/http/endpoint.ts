/**
 * `POST /discord/interactions`: Discord's HTTP interactions. A thin entry of our own,
 * because discord.js's Client only receives interactions over the gateway. Every request
 * is verified (`verify.ts`) before anything else reads it; a refused one gets 401 and
 * does nothing. The first answer goes back in the response; whatever is left runs after.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { internalErrorText, referenceId } from '../../../src/core/errors.js';
import { errorFields } from '../errors.js';
import type { InteractionDeps } from '../interactions.js';
import { answerInteraction, type HttpAnswer } from './answer.js';
import { interactionsPublicKey, refusalOf } from './verify.js';
import { InteractionWebhook, messageBody } from './webhook.js';
import { InteractionResponseType, type APIInteraction, type REST } from 'discord.js';

export const INTERACTIONS_PATH = '/discord/interactions';

/** Discord's payloads are a few kilobytes; anything far larger is not Discord's. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface EndpointOptions {
  /** `DISCORD_PUBLIC_KEY`, 64 hex digits. */
  readonly publicKey: string;
  readonly deps: InteractionDeps;
  /** The client's REST instance, for webhook edits and follow-ups. */
  readonly rest: REST;
  /** For tests: the clock the timestamp window is checked against (ms). */
  readonly now?: () => number;
  /** Given each request's whole work, edits and follow-ups after the response included, so shutdown can wait for it. */
  readonly track?: (work: Promise<unknown>) => void;
}

/** The listener for `POST /discord/interactions` (the caller routes the path). */
export function interactionsListener(options: EndpointOptions): RequestListener {
  const key = interactionsPublicKey(options.publicKey);
  const now = options.now ?? Date.now;
  const logger = options.deps.logger;
  return (req, res) => {
    if (req.method !== 'POST') {
      req.resume();
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const work = readBody(req)
      .then(async (body) => {
        if (body === undefined) {
          res.writeHead(413).end();
          return;
        }
        const signature = header(req, 'x-signature-ed25519');
        const timestamp = header(req, 'x-signature-timestamp');
        const refusal = refusalOf({ signature, timestamp, body }, key, now());
        if (refusal !== undefined) {
          logger.warn({ refusal }, 'refused a Discord interaction request');
          res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
          return;
        }
        const interaction = parsed(body);
        if (interaction === undefined) res.writeHead(400, { 'content-type': 'text/plain' }).end('not JSON');
        else await serve(interaction, res, options);
      })
      .catch((error: unknown) => {
        logger.error({ err: errorFields(error) }, 'discord interaction request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    options.track?.(work);
  };
}

async function serve(interaction: APIInteraction, res: ServerResponse, options: EndpointOptions): Promise<void> {
  const { deps } = options;
  const hook = new InteractionWebhook(options.rest, interaction.application_id, interaction.token);
  let answer: HttpAnswer | undefined;
  try {
    answer = await answerInteraction(interaction, deps, hook);
  } catch (error) {
    const ref = failed(interaction, error, deps);
    const data = messageBody(
      { content: internalErrorText(ref), embeds: [], components: [], allowed_mentions: { parse: [] } },
      true,
    );
    answer = { response: { type: InteractionResponseType.ChannelMessageWithSource, data } };
  }
  if (answer === undefined) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('unsupported interaction');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.response));
  if (answer.after === undefined) return;
  try {
    await answer.after();
  } catch (error) {
    const ref = failed(interaction, error, deps);
    const text = { content: internalErrorText(ref), embeds: [], components: [], allowed_mentions: { parse: [] as [] } };
    await hook.followUp(text, true).catch((followUpError: unknown) => {
      deps.logger.warn({ ref, err: errorFields(followUpError) }, 'could not tell the user about a failed interaction');
    });
  }
}

/** Logs a failure with a reference id, as the gateway path does; the user sees only the id. */
function failed(interaction: APIInteraction, error: unknown, deps: InteractionDeps): string {
  const ref = referenceId();
  const userId = interaction.member?.user.id ?? interaction.user?.id;
  deps.logger.error(
    {
      ref,
      platform: 'discord',
      kind: interaction.type,
      tenantId: interaction.guild_id,
      userId,
      err: errorFields(error),
    },
    'discord interaction failed',
  );
  return ref;
}

function parsed(body: Buffer): APIInteraction | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as APIInteraction;
  } catch {
    return undefined;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The raw body (the signature covers its exact bytes), or undefined when it is over the limit: the
 * rest is read and dropped, so the client still gets its 413 (stopping early would close the socket).
 */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= BODY_LIMIT_BYTES) chunks.push(buffer);
  }
  return size > BODY_LIMIT_BYTES ? undefined : Buffer.concat(chunks);
}
