import type { Migration } from './index.js';

/**
 * Scheduled posts and weekly-question subscriptions. Instants are ISO 8601 UTC text
 * (`2024-03-10T07:00:00.000Z`), which sorts in time order.
 */
export const subscriptionsAndDeliveries: Migration = {
  version: 2,
  name: 'subscriptions and deliveries',
  sql: `
    CREATE TABLE deliveries (
      key TEXT PRIMARY KEY,
      platform TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      destination TEXT NOT NULL,
      reply TEXT NOT NULL,
      thread_name TEXT,
      thread_reply TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
      due_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      message_id TEXT,
      conversation TEXT,
      thread_state TEXT NOT NULL DEFAULT 'none'
        CHECK (thread_state IN ('none', 'wanted', 'opened', 'unavailable', 'failed')),
      thread_conversation TEXT,
      reason TEXT
    );
    CREATE INDEX deliveries_actionable ON deliveries (state, thread_state, next_attempt_at);

    CREATE TABLE subscriptions (
      id INTEGER PRIMARY KEY,
      platform TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      target_kind TEXT NOT NULL CHECK (target_kind IN ('channel', 'user')),
      target_id TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
      local_time TEXT NOT NULL,
      zone TEXT NOT NULL,
      scope TEXT,
      origin TEXT NOT NULL CHECK (origin IN ('paper', 'prompt', 'any')),
      ordering TEXT NOT NULL CHECK (ordering IN ('agenda', 'shuffled')),
      count INTEGER NOT NULL DEFAULT 1 CHECK (count BETWEEN 1 AND 3),
      seed INTEGER NOT NULL,
      round INTEGER NOT NULL DEFAULT 1,
      paused INTEGER NOT NULL DEFAULT 0,
      paused_reason TEXT,
      next_due_at TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX subscriptions_due ON subscriptions (paused, next_due_at);
    CREATE INDEX subscriptions_tenant ON subscriptions (platform, tenant_id);

    -- Which questions each subscription has posted, per round: the rotation's memory.
    CREATE TABLE subscription_history (
      subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
      delivery_key TEXT NOT NULL,
      position INTEGER NOT NULL,
      round INTEGER NOT NULL,
      question_id TEXT NOT NULL,
      challenge_id TEXT NOT NULL,
      new_round INTEGER NOT NULL DEFAULT 0,
      planned_at TEXT NOT NULL,
      PRIMARY KEY (subscription_id, delivery_key, position)
    );
    CREATE INDEX subscription_history_round ON subscription_history (subscription_id, round);

    CREATE TABLE interests (
      platform TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      question_id TEXT NOT NULL,
      delivery_key TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (platform, tenant_id, user_id, question_id, delivery_key)
    );
    CREATE INDEX interests_post ON interests (delivery_key, question_id);
  `,
};
