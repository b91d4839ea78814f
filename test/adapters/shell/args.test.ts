import { describe, expect, it } from 'vitest';
import { commandTokens } from '../../../adapters/shell/args.js';

describe('the shell writes people as @name and channels as #name', () => {
  it('turns @name and #name into references, keeping the words around them', () => {
    expect(commandTokens('organisers add @carol Reading Group')).toEqual([
      'organisers',
      'add',
      { user: 'carol', text: '@carol' },
      'Reading',
      'Group',
    ]);
    expect(commandTokens('subscribe #general day=fri')).toEqual([
      'subscribe',
      { channel: 'general', text: '#general' },
      'day=fri',
    ]);
  });

  it('splits key=@name, and leaves quoted words, lone signs and e-mail-like words as text', () => {
    expect(commandTokens('host=@ada')).toEqual(['host=', { user: 'ada', text: '@ada' }]);
    expect(commandTokens('"@ana" # ana@example.org')).toEqual(['@ana', '#', 'ana@example.org']);
  });
});
