/**
 * The floor bot: bare Bolt and bare discord.js answering every command with one fixed
 * text in one round trip (the ack body on Slack, the first interaction callback on
 * Discord). It reads the same environment variables as agendabot, so the bench starts
 * both the same way against the same fakes, and writes `floor ready` to standard error
 * once every configured platform is connected.
 */
const FIXED = 'Floor bot: a fixed answer.';
const env = process.env;

async function startSlack(): Promise<void> {
  const { App, LogLevel } = await import('@slack/bolt');
  const clientOptions = { slackApiUrl: env['SLACK_API_URL'] ?? 'https://slack.com/api/' };
  const common = {
    token: env['SLACK_BOT_TOKEN'] ?? '',
    botId: 'BFLOOR',
    botUserId: 'UFLOOR',
    logLevel: LogLevel.ERROR,
    clientOptions,
  };
  const app = env['SLACK_APP_TOKEN']
    ? new App({ ...common, appToken: env['SLACK_APP_TOKEN'], socketMode: true, installerOptions: { clientOptions } })
    : new App({ ...common, signingSecret: env['SLACK_SIGNING_SECRET'] ?? '' });
  app.command(/.*/u, async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: FIXED });
  });
  if (env['SLACK_APP_TOKEN']) await app.start();
  else await app.start(Number(env['PORT'] ?? 3000));
}

async function startDiscord(): Promise<void> {
  const { Client, Events, GatewayIntentBits, MessageFlags } = await import('discord.js');
  const api = env['DISCORD_API_URL'];
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(api ? { rest: { api } } : {}) });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply({ content: FIXED, flags: MessageFlags.Ephemeral });
    else if (interaction.isAutocomplete()) void interaction.respond([{ name: FIXED, value: 'fixed' }]);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(env['DISCORD_TOKEN']);
  await ready;
}

async function main(): Promise<void> {
  const starts: Promise<void>[] = [];
  if (env['SLACK_BOT_TOKEN']) starts.push(startSlack());
  if (env['DISCORD_TOKEN']) starts.push(startDiscord());
  await Promise.all(starts);
  process.stderr.write('floor ready\n');
}

process.once('SIGTERM', () => process.exit(0));
main().catch((error: unknown) => {
  process.stderr.write(`floor bot stopped: ${String(error)}\n`);
  process.exit(1);
});
