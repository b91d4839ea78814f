/**
 * Group conversations in the terminal (introductions): there is one person at the
 * keyboard, so a "group" is printed like any other post, under a heading naming it.
 */
import type { ConversationRef } from '../../src/core/context.js';
import type { GroupConversationsPort, GroupConversationSpec } from '../../src/core/ports.js';

export class ShellGroupConversations implements GroupConversationsPort {
  readonly needsChannel = false;
  readonly maxMembers = 8;
  #next = 1;

  async open(spec: GroupConversationSpec): Promise<ConversationRef> {
    return { platform: 'shell', tenantId: spec.tenantId, channelId: `group-${this.#next++}` };
  }
}
