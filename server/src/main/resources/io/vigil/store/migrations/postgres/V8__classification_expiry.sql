-- Version 8 for PostgreSQL (kept in step with migrations/sqlite/V8__classification_expiry.sql): a
-- classification may expire. The insight keeps when its classification expires; setting, moving or clearing
-- that time is a change of its own in the change log (field 'classification_expires_on', not shown by
-- Cloudflare's audit-log routes).

ALTER TABLE insights ADD COLUMN classification_expires_ms BIGINT;

-- What the expiry task scans: only insights with an expiry are in it.
CREATE INDEX insights_by_expiry ON insights (classification_expires_ms) WHERE classification_expires_ms IS NOT NULL;

ALTER TABLE audit_log DROP CONSTRAINT audit_log_field_changed_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_field_changed_check
    CHECK (field_changed IN ('status', 'user_classification', 'dismissed', 'classification_expires_on'));
