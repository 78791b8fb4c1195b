-- Version 12: webhook subscriptions (issue 18; docs/extensions.md "Webhooks"). Each delivers an account's sealed
-- change-log entries after `position`, in order; its signing secret is stored encrypted under the key file in the
-- data directory (`key_id` names that key), never in the clear. One node delivers a subscription at a time: the
-- one holding its lease (`holder`, `lease_until_ms`).
CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    url TEXT NOT NULL,
    zones TEXT NOT NULL,
    kinds TEXT NOT NULL,
    severities TEXT NOT NULL,
    secret_sealed TEXT NOT NULL,
    key_id TEXT NOT NULL,
    state TEXT NOT NULL,
    position BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    holder TEXT,
    lease_until_ms BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    failing_since_ms BIGINT,
    delivered BIGINT NOT NULL DEFAULT 0,
    last_delivery_ms BIGINT,
    last_error TEXT
);
CREATE INDEX webhook_subscriptions_by_account ON webhook_subscriptions (account_id, created_at_ms);
