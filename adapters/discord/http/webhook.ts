/**
 * The routes that finish an interaction after its first answer went out in the HTTP
 * response: edit the original reply, post a follow-up, delete the placeholder. They go
 * through the client's REST instance, so they share its queues and rate-limit handling;
 * they are authorised by the interaction token, not the bot token.
 */
import { MessageFlags, Routes, type REST } from 'discord.js';
import type { RenderedMessage } from '../render.js';

/** A message as webhook JSON; `ephemeral` only matters for a new message (an edit keeps its visibility). */
export function messageBody(message: RenderedMessage, ephemeral: boolean): object {
  return ephemeral ? { ...message, flags: MessageFlags.Ephemeral } : { ...message };
}

export class InteractionWebhook {
  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly token: string,
  ) {}

  async editOriginal(message: RenderedMessage): Promise<void> {
    await this.rest.patch(Routes.webhookMessage(this.applicationId, this.token, '@original'), {
      body: messageBody(message, false),
      auth: false,
    });
  }

  async followUp(message: RenderedMessage, ephemeral: boolean): Promise<void> {
    await this.rest.post(Routes.webhook(this.applicationId, this.token), {
      body: messageBody(message, ephemeral),
      auth: false,
    });
  }

  async deleteOriginal(): Promise<void> {
    await this.rest.delete(Routes.webhookMessage(this.applicationId, this.token, '@original'), { auth: false });
  }
}
