-- Version 14 for PostgreSQL (kept in step with migrations/sqlite/V14__insights_by_class.sql): a list filtered
-- on one issue class walks that class's insights only.
CREATE INDEX insights_by_class ON insights (account_id, dismissed, issue_class, timestamp_ms DESC, id)
    INCLUDE (severity, issue_type, product);
