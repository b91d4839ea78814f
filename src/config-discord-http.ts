/** Discord over HTTP interactions (`DISCORD_PUBLIC_KEY`), read for `loadConfig`. */

/** What `discordHttpConfig` needs from the settings reader. */
export interface HttpSettings {
  text(key: string): string | undefined;
  number(key: string, fallback: number, min: number, max: number): number;
  readonly problems: string[];
}

/** Set: Discord sends interactions to `POST /discord/interactions` instead of over the gateway. */
export interface DiscordHttpConfig {
  /** The application's public key from the Developer Portal (64 hex digits), which signs every request. */
  readonly publicKey: string;
  /** Where the endpoint listens when Slack's HTTP server is not running (`PORT`, `HOST`). */
  readonly port: number;
  readonly host?: string;
}

/** The HTTP interactions settings, or nothing when `DISCORD_PUBLIC_KEY` is unset. */
export function discordHttpConfig(read: HttpSettings): { http?: DiscordHttpConfig } {
  const publicKey = read.text('DISCORD_PUBLIC_KEY');
  if (publicKey === undefined) return {};
  if (!/^[0-9a-f]{64}$/iu.test(publicKey)) {
    read.problems.push('DISCORD_PUBLIC_KEY must be the 64 hex digits shown as Public Key in the Developer Portal.');
    return {};
  }
  const host = read.text('HOST');
  return {
    http: {
      publicKey: publicKey.toLowerCase(),
      port: read.number('PORT', 3000, 1, 65535),
      ...(host !== undefined ? { host } : {}),
    },
  };
}
