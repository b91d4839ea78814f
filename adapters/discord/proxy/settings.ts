/**
 * The REST proxy's settings, from its environment: where it listens (`PORT`, `HOST`), where it sends
 * (`DISCORD_API_URL`, Discord itself unless set), and the bot's global budget (`DISCORD_REQUESTS_PER_SECOND`).
 * Every problem is listed at once, as `loadConfig` does for the bot.
 */
export interface ProxySettings {
  readonly port: number;
  /** 127.0.0.1 unless set: the proxy relays any caller's Authorization header, so it must not face the internet. */
  readonly host: string;
  /** The upstream REST base, without the version (`https://discord.com/api`). */
  readonly upstream: string;
  /** The bot's global limit, for every process whose REST goes through this proxy. */
  readonly perSecond: number;
  readonly logLevel: string;
  /** How long in-flight requests may take to finish on SIGTERM (`SHUTDOWN_GRACE_SECONDS`). */
  readonly graceMs: number;
}

export const DISCORD_API = 'https://discord.com/api';

export type ProxySettingsResult =
  { readonly settings: ProxySettings; readonly problems?: never } | { readonly problems: readonly string[] };

export function readProxySettings(env: Readonly<Record<string, string | undefined>>): ProxySettingsResult {
  const problems: string[] = [];
  const text = (key: string): string | undefined => {
    const value = env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const whole = (key: string, fallback: number, min: number, max: number): number => {
    const raw = text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key}=${raw} must be a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return value;
  };
  const upstream = text('DISCORD_API_URL') ?? DISCORD_API;
  if (!/^https?:\/\/[^/]/u.test(upstream)) problems.push(`DISCORD_API_URL=${upstream} is not an http(s) URL.`);
  const settings: ProxySettings = {
    port: whole('PORT', 8080, 0, 65535),
    host: text('HOST') ?? '127.0.0.1',
    upstream: upstream.replace(/\/+$/u, '').replace(/\/v\d+$/u, ''),
    perSecond: whole('DISCORD_REQUESTS_PER_SECOND', 50, 1, 50),
    logLevel: text('LOG_LEVEL') ?? 'info',
    graceMs: whole('SHUTDOWN_GRACE_SECONDS', 25, 0, 600) * 1000,
  };
  if (pointsAtItself(settings)) problems.push(`DISCORD_API_URL=${upstream} is this proxy itself: set Discord's URL.`);
  return problems.length > 0 ? { problems } : { settings };
}

/** True when the upstream is the proxy's own address, which would forward every request back to itself. */
function pointsAtItself(settings: ProxySettings): boolean {
  let url: URL;
  try {
    url = new URL(settings.upstream);
  } catch {
    return false;
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const local = ['127.0.0.1', 'localhost', '[::1]', '0.0.0.0', settings.host];
  return port === settings.port && local.includes(url.hostname);
}
