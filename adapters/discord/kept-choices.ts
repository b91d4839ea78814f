/**
 * Autocomplete answers for kept choice lists, serialized once. The core hands out the same frozen list
 * for a prefix typed again (`completion-memo.ts`), and `interaction.respond` would map every choice
 * through the client's key transformer and serialize the body again on each keystroke. Here a kept
 * list's callback body is made once and posted as bytes (`postCallbackBytes`), to the route `respond`
 * uses; the interaction then records that it was answered, as `respond` does. A list that is not kept
 * (a feature's, built per request) goes through `respond`.
 */
import { InteractionResponseType, type AutocompleteInteraction } from 'discord.js';
import type { Completion } from '../../src/core/completion.js';
import { postCallbackBytes } from './kept-callback.js';

const bodies = new WeakMap<readonly Completion[], Buffer>();

export async function respondOnce(interaction: AutocompleteInteraction, choices: readonly Completion[]): Promise<void> {
  if (!Object.isFrozen(choices) || interaction.responded) {
    await interaction.respond(choices.map((c) => ({ name: c.name, value: c.value })));
    return;
  }
  await postCallbackBytes(interaction, keptBody(choices));
  interaction.responded = true;
}

function keptBody(choices: readonly Completion[]): Buffer {
  let body = bodies.get(choices);
  if (body === undefined) {
    // The same fields `respond` sends for a choice without localized names.
    const data = { choices: choices.map((c) => ({ name: c.name, value: c.value })) };
    body = Buffer.from(JSON.stringify({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data }));
    bodies.set(choices, body);
  }
  return body;
}
