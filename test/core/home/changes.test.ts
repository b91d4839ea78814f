/** Which commands and buttons redraw a person's home page, and which leave it alone. */
import { describe, expect, it } from 'vitest';
import { changesHome } from '../../../src/core/features/home/index.js';

describe('changesHome', () => {
  it('is true for the commands that change subscriptions or group membership', () => {
    expect(changesHome({ kind: 'command', command: 'agenda', text: 'pause 4' })).toBe(true);
    expect(changesHome({ kind: 'command', command: 'agenda', text: '  Subscribe #lab day=fri' })).toBe(true);
    expect(changesHome({ kind: 'command', command: 'readinggroup', text: 'join Safety RG' })).toBe(true);
    expect(changesHome({ kind: 'command', command: 'readinggroup', text: 'postpone 7' })).toBe(true);
  });

  it('is false for look-ups and for commands it does not know', () => {
    expect(changesHome({ kind: 'command', command: 'agenda', text: 'challenge 2.1' })).toBe(false);
    expect(changesHome({ kind: 'command', command: 'agenda', text: '' })).toBe(false);
    expect(changesHome({ kind: 'command', command: 'readinggroup', text: 'members' })).toBe(false);
    expect(changesHome({ kind: 'command', command: 'other', text: 'pause 4' })).toBe(false);
  });

  it('is true for RSVP, Join, Leave, Interested and the page’s own subscription buttons, false for Open', () => {
    const changing = ['rg-going', 'rg-not-going', 'rg-join', 'rg-leave', 'digest.interested'];
    for (const action of [...changing, 'home.pause', 'home.resume', 'home.unsubscribe']) {
      expect(changesHome({ kind: 'press', action }), action).toBe(true);
    }
    expect(changesHome({ kind: 'press', action: 'open' })).toBe(false);
    expect(changesHome({ kind: 'press', action: 'home.start' })).toBe(false);
  });
});
