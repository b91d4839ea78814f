/**
 * Discord guild scheduled events for reading groups with `events:on` (the optional
 * `DeliveryPort.scheduledEvents`). Each session becomes an external event (a text
 * channel cannot host a stage or voice event), located at the group's channel.
 * Needs the bot's Manage Events permission; without it Discord answers 50013, which
 * becomes a permanent `DeliveryError` the core turns into a sentence for the organiser.
 */
import { GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel, Routes, type Client } from 'discord.js';
import type { ScheduledEventSpec, ScheduledEventsPort } from '../../src/core/ports.js';
import { cutText } from './embed-limits.js';
import { toDeliveryError } from './errors.js';

const NAME_LIMIT = 100;
const DESCRIPTION_LIMIT = 1000;
/** Discord: "Unknown Guild Scheduled Event" (someone deleted it by hand). */
const UNKNOWN_EVENT = '10070';

export function eventBody(event: ScheduledEventSpec): Record<string, unknown> {
  return {
    name: cutText(event.name, NAME_LIMIT),
    description: cutText(`${event.description}\nDiscussion: <#${event.channelId}>`, DESCRIPTION_LIMIT),
    scheduled_start_time: event.startsAt.toISOString(),
    scheduled_end_time: event.endsAt.toISOString(),
    privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
    entity_type: GuildScheduledEventEntityType.External,
    entity_metadata: { location: 'This server, in the reading group’s channel' },
  };
}

export class DiscordScheduledEvents implements ScheduledEventsPort {
  constructor(private readonly client: Client) {}

  async create(tenantId: string, event: ScheduledEventSpec): Promise<string> {
    const created = (await this.#call(() =>
      this.client.rest.post(Routes.guildScheduledEvents(tenantId), { body: eventBody(event) }),
    )) as { id: string };
    return created.id;
  }

  async update(tenantId: string, eventId: string, event: ScheduledEventSpec): Promise<void> {
    await this.#call(() =>
      this.client.rest.patch(Routes.guildScheduledEvent(tenantId, eventId), { body: eventBody(event) }),
    );
  }

  /** An event already gone is what deleting wanted: not an error. */
  async delete(tenantId: string, eventId: string): Promise<void> {
    try {
      await this.#call(() => this.client.rest.delete(Routes.guildScheduledEvent(tenantId, eventId)));
    } catch (error) {
      if (error instanceof Error && 'code' in error && (error as { code: string }).code === UNKNOWN_EVENT) return;
      throw error;
    }
  }

  async #call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}
