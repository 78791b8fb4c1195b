-- Version 17: a subscription's signing secret can be rotated with an overlap: until previous_until_ms, deliveries
-- are signed with the previous secret too (docs/extensions.md, "Rotating a signing secret").
ALTER TABLE webhook_subscriptions ADD COLUMN previous_secret_sealed TEXT;
ALTER TABLE webhook_subscriptions ADD COLUMN previous_until_ms BIGINT;
