import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, machineTimezone } from '../src/config.js';

describe('time-zone settings without a lookup the process does not need', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('looks up the machine zone only when the shell zone is read, and then gives it', () => {
    const lookup = vi.spyOn(Intl, 'DateTimeFormat');
    const config = loadConfig({});
    expect(lookup).not.toHaveBeenCalled();
    const zone = config.shellTimezone;
    expect(config.shellTimezone).toBe(zone);
    expect(lookup).toHaveBeenCalledTimes(1); // once, then kept
    lookup.mockRestore();
    expect(zone).toBe(machineTimezone());
  });

  it('accepts DEFAULT_TIMEZONE=UTC without asking Intl, and still checks other zones with it', () => {
    const lookup = vi.spyOn(Intl, 'DateTimeFormat');
    expect(loadConfig({ DEFAULT_TIMEZONE: 'UTC' }).shellTimezone).toBe('UTC');
    expect(lookup).not.toHaveBeenCalled();
    lookup.mockRestore();
    expect(loadConfig({ DEFAULT_TIMEZONE: 'Europe/Berlin' }).shellTimezone).toBe('Europe/Berlin');
    expect(() => loadConfig({ DEFAULT_TIMEZONE: 'Mars/Olympus' })).toThrow(/DEFAULT_TIMEZONE=Mars\/Olympus/u);
  });

  it('keeps a machine zone it was given', () => {
    expect(loadConfig({}, 'Pacific/Auckland').shellTimezone).toBe('Pacific/Auckland');
  });
});
