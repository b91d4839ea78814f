/**
 * Slack's limits as the bench's fake enforces them (parameters, not Slack's own code):
 * `chat.postMessage` at most `channelPerSecond` per channel and `workspacePerSecond` per
 * workspace (Slack publishes no workspace figure: the default 100/s is ours), measured over
 * the last second by arrival time (as a server counts requests it receives, so the fake's own
 * event-loop delays before answering do not count against the bot); past either, HTTP 429 with
 * `Retry-After: 1`.
 */
import type { RecordedCall } from '../../fakes/slack/fake-slack.js';

export interface SlackLimits {
  readonly channelPerSecond: number;
  readonly workspacePerSecond: number;
}

export function slackLimiter(limits: SlackLimits): (call: RecordedCall) => number | undefined {
  const perChannel = new Map<string, number[]>();
  const workspace: number[] = [];
  const recent = (times: number[], now: number): number[] => {
    while (times.length > 0 && (times[0] ?? 0) <= now - 1000) times.shift();
    return times;
  };
  return (call) => {
    if (call.method !== 'chat.postMessage') return undefined;
    const now = call.at;
    const channel = String(call.args['channel']);
    const inChannel = recent(perChannel.get(channel) ?? [], now);
    perChannel.set(channel, inChannel);
    if (inChannel.length >= limits.channelPerSecond || recent(workspace, now).length >= limits.workspacePerSecond)
      return 1;
    inChannel.push(now);
    workspace.push(now);
    return undefined;
  };
}
