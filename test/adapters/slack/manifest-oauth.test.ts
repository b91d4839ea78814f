import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../../adapters/slack/manifest.js';
import { registry } from '../../../src/core/features/index.js';

interface Shape {
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { request_url?: string };
    socket_mode_enabled: boolean;
  };
  features: { slash_commands: { url?: string }[] };
}

describe('the OAuth manifest (npm run slack:manifest -- --oauth --url …)', () => {
  it('has the redirect URL, the two removal events and HTTP request URLs, and no Socket Mode', () => {
    const manifest = buildManifest(registry, { oauth: true, baseUrl: 'https://bot.example.org/' }) as unknown as Shape;
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://bot.example.org/slack/oauth_redirect']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_home_opened',
      'app_uninstalled',
      'tokens_revoked',
    ]);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://bot.example.org/slack/events');
    expect(manifest.settings.interactivity.request_url).toBe('https://bot.example.org/slack/events');
    expect(manifest.features.slash_commands.every((c) => c.url === 'https://bot.example.org/slack/events')).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('keeps the single-workspace manifests without a redirect or removal events', () => {
    const http = buildManifest(registry, { baseUrl: 'https://bot.example.org' }) as unknown as Shape;
    expect(http.oauth_config.redirect_urls).toBeUndefined();
    expect(http.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('refuses --oauth without a public URL', () => {
    expect(() => buildManifest(registry, { oauth: true })).toThrow(
      'An OAuth manifest needs the public URL (--url https://your.host).',
    );
  });
});
