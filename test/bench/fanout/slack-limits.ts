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

/** 429s the limiter answered, by the limit that refused (diagnostics: `FANOUT_TIMELINE=1`). */
export const refusals = { channel: 0, workspace: 0 };

export function slackLimiter(limits: SlackLimits): (call: RecordedCall) => number | undefined {
  const perChannel = new Map<string, number[]>();
  const workspace: number[] = [];
  const recent = (times: number[], now: number): number[] => {
    while (times.length > 0 && (times[0] ?? 0) <= now - 1000) times.shift();
    return times;
  };
  // Counted per run.
  refusals.channel = 0;
  refusals.workspace = 0;
  const refused = (scope: 'channel' | 'workspace'): number => {
    refusals[scope] += 1;
    return 1;
  };
  return (call) => {
    if (call.method !== 'chat.postMessage') return undefined;
    const now = call.at;
    const channel = String(call.args['channel']);
    const inChannel = recent(perChannel.get(channel) ?? [], now);
    perChannel.set(channel, inChannel);
    if (inChannel.length >= limits.channelPerSecond) return refused('channel');
    if (recent(workspace, now).length >= limits.workspacePerSecond) return refused('workspace');
    inChannel.push(now);
    workspace.push(now);
    return undefined;
  };
}
