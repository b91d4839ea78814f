import { describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { MemoryLogger } from '../../../src/log.js';
import { boltLogger, maskTokens } from '../../../adapters/slack/bolt-logger.js';

describe('the Bolt logger bridge', () => {
  it('masks bot, user and app tokens wherever they appear', () => {
    expect(maskTokens('token=xoxb-123-456-abcDEF and xapp-1-A0-99-zz, xoxp-9')).toBe(
      'token=[redacted-token] and [redacted-token], [redacted-token]',
    );
  });

  it('writes Bolt lines into the app logger at or above its level, masked', () => {
    const logger = new MemoryLogger();
    const bolt = boltLogger(logger, LogLevel.INFO);
    bolt.debug('http request body', { token: 'xoxb-1-2-3' });
    bolt.info('connected with', 'xapp-1-A-2-b');
    bolt.error(new Error('failed for xoxb-9-9-9'));
    expect(logger.records).toEqual([
      { level: 'info', fields: { source: 'bolt' }, message: 'connected with [redacted-token]' },
      { level: 'error', fields: { source: 'bolt' }, message: 'failed for [redacted-token]' },
    ]);
  });
});
