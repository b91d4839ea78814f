/** Whose home page is built, and the time zone its times are written in. */
import type { Platform } from '../../context.js';

export interface HomeViewer {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly userId: string;
  /** The person's own IANA zone as the platform reports it, or the bot's default zone. */
  readonly zone: string;
}
