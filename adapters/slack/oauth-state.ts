/**
 * The OAuth `state` parameter: Bolt's `ClearStateStore` signs it with `SLACK_STATE_SECRET`
 * and gives it a 10-minute life; on top of that each state is accepted once, so a
 * replayed redirect is refused even within those minutes. (Used states are remembered in
 * this process only: with several processes, Slack's single-use `code` still stops a replay.)
 */
import slackOAuth, { type InstallURLOptions, type StateStore } from '@slack/oauth';

// @slack/oauth is CommonJS: Node's ESM loader cannot see its class exports by name, only through the default.
const { ClearStateStore } = slackOAuth;

const STATE_LIFE_SECONDS = 600;

export class SingleUseStateStore implements StateStore {
  readonly #signed: InstanceType<typeof ClearStateStore>;
  /** Used states and when they stop being valid anyway (ms), pruned as they expire. */
  readonly #used = new Map<string, number>();

  constructor(stateSecret: string) {
    this.#signed = new ClearStateStore(stateSecret, STATE_LIFE_SECONDS);
  }

  generateStateParam(options: InstallURLOptions, now: Date): Promise<string> {
    return this.#signed.generateStateParam(options, now);
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    for (const [used, until] of this.#used) if (until <= now.getTime()) this.#used.delete(used);
    if (this.#used.has(state)) throw new Error('This install link was already used.');
    const options = await this.#signed.verifyStateParam(now, state);
    this.#used.set(state, now.getTime() + STATE_LIFE_SECONDS * 1000);
    return options;
  }
}
