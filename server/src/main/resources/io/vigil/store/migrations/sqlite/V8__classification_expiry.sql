-- Version 8: a classification may expire (docs/decisions.md, "Decisions that expire"). The insight keeps when
-- its classification expires; setting, moving or clearing that time is a change of its own in the change
-- log (field 'classification_expires_on', not shown by Cloudflare's audit-log routes).

ALTER TABLE insights ADD COLUMN classification_expires_ms INTEGER;

-- What the expiry task scans: only insights with an expiry are in it.
CREATE INDEX insights_by_expiry ON insights (classification_expires_ms) WHERE classification_expires_ms IS NOT NULL;

-- SQLite cannot alter a CHECK constraint: the change log is rebuilt with its rows, as in version 6.
CREATE TABLE change_log (
    id             TEXT PRIMARY KEY, -- UUIDv7, canonical lowercase form: sorts by time
    issue_id       TEXT NOT NULL,
    account_id     TEXT NOT NULL,
    zone_id        TEXT,
    field_changed  TEXT NOT NULL CHECK (field_changed IN ('status', 'user_classification', 'dismissed',
                                                          'classification_expires_on')),
    previous_value TEXT,
    current_value  TEXT,
    rationale      TEXT,
    changed_by     TEXT NOT NULL,
    changed_at_ms  INTEGER NOT NULL,
    position       INTEGER,          -- 1, 2, 3, … in the sealed order; NULL until sealed
    leaf_hash      BLOB,
    list_version   INTEGER,          -- a dismissal's insight_list_version: how other nodes follow it
    seq            INTEGER           -- the order entries were written in (version 7)
) STRICT, WITHOUT ROWID;

INSERT INTO change_log (id, issue_id, account_id, zone_id, field_changed, previous_value, current_value, rationale,
                        changed_by, changed_at_ms, position, leaf_hash, list_version, seq)
SELECT id, issue_id, account_id, zone_id, field_changed, previous_value, current_value, rationale, changed_by,
       changed_at_ms, position, leaf_hash, list_version, seq
FROM audit_log;

DROP TABLE audit_log;
ALTER TABLE change_log RENAME TO audit_log;

CREATE INDEX audit_log_by_issue ON audit_log (issue_id, id);
CREATE INDEX audit_log_by_account ON audit_log (account_id, id);
CREATE INDEX audit_log_by_zone ON audit_log (zone_id, id) WHERE zone_id IS NOT NULL;
CREATE UNIQUE INDEX audit_log_by_position ON audit_log (position) WHERE position IS NOT NULL;
CREATE INDEX audit_log_by_list_version ON audit_log (list_version) WHERE list_version IS NOT NULL;
CREATE UNIQUE INDEX audit_log_by_seq ON audit_log (seq);
CREATE INDEX audit_log_unsealed ON audit_log (seq) WHERE position IS NULL;
