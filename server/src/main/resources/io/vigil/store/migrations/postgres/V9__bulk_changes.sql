-- Version 9 for PostgreSQL (kept in step with migrations/sqlite/V9__bulk_changes.sql): the change-log
-- entries of one bulk change share its id (docs/decisions.md, "Bulk triage").
ALTER TABLE audit_log ADD COLUMN bulk_id TEXT;
