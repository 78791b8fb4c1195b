-- Version 9: the change-log entries of one bulk change share its id (docs/decisions.md, "Bulk triage").
ALTER TABLE audit_log ADD COLUMN bulk_id TEXT;
