/**
 * Time-zone settings, checked without waking ICU when they can be: the runtime's first
 * time-zone lookup (`Intl.DateTimeFormat` with a zone, or its resolved options) maps ICU's
 * data, about 8 MiB of resident memory that a process with only UTC settings never needs.
 */

/** The machine's zone (the `TZ` variable or the system setting), UTC if the runtime cannot tell. */
export function machineTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true; // The default: no lookup needed.
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds `shellTimezone` to the settings: `zone` when known (`DEFAULT_TIMEZONE`, or a test's
 * machine zone), else the machine's, looked up on first read. Only the terminal shell reads
 * it, so a Slack or Discord process never pays for the lookup.
 */
export function withShellTimezone<T extends object>(
  settings: T,
  zone: string | undefined,
): T & { readonly shellTimezone: string } {
  let resolved = zone;
  return Object.defineProperty(settings, 'shellTimezone', {
    enumerable: true,
    get: () => (resolved ??= machineTimezone()),
  }) as T & { readonly shellTimezone: string };
}
