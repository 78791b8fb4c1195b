-- Version 6: the audit log becomes the one change log, sealed into a signed chain (docs/decisions.md,
-- "The change log and its seals").

-- Dismissals are recorded too (field 'dismissed'; Cloudflare's audit-log routes do not show them). An entry
-- gets its position in the log and its leaf hash once, when it is sealed; nothing else of it ever changes.
-- SQLite cannot alter a CHECK constraint: the table is rebuilt with its rows.
CREATE TABLE change_log (
    id             TEXT PRIMARY KEY, -- UUIDv7, canonical lowercase form: sorts by time
    issue_id       TEXT NOT NULL,
    account_id     TEXT NOT NULL,
    zone_id        TEXT,
    field_changed  TEXT NOT NULL CHECK (field_changed IN ('status', 'user_classification', 'dismissed')),
    previous_value TEXT,
    current_value  TEXT,
    rationale      TEXT,
    changed_by     TEXT NOT NULL,
    changed_at_ms  INTEGER NOT NULL,
    position       INTEGER,          -- 1, 2, 3, … in the sealed order; NULL until sealed
    leaf_hash      BLOB,
    list_version   INTEGER           -- a dismissal's insight_list_version: how other nodes follow it
) STRICT, WITHOUT ROWID;

INSERT INTO change_log (id, issue_id, account_id, zone_id, field_changed, previous_value, current_value, rationale,
                        changed_by, changed_at_ms)
SELECT id, issue_id, account_id, zone_id, field_changed, previous_value, current_value, rationale, changed_by,
       changed_at_ms
FROM audit_log;

DROP TABLE audit_log;
ALTER TABLE change_log RENAME TO audit_log;

CREATE INDEX audit_log_by_issue ON audit_log (issue_id, id);
CREATE INDEX audit_log_by_account ON audit_log (account_id, id);
CREATE INDEX audit_log_by_zone ON audit_log (zone_id, id) WHERE zone_id IS NOT NULL;
CREATE UNIQUE INDEX audit_log_by_position ON audit_log (position) WHERE position IS NOT NULL;
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE position IS NULL;
CREATE INDEX audit_log_by_list_version ON audit_log (list_version) WHERE list_version IS NOT NULL;

-- One row per seal: the entries at positions first_position..last_position, their Merkle tree's root, and
-- the hash chaining this seal to the one before, signed with the deployment's Ed25519 key.
CREATE TABLE audit_seals (
    seal           INTEGER PRIMARY KEY, -- 1, 2, 3, …
    first_position INTEGER NOT NULL,
    last_position  INTEGER NOT NULL,
    merkle_root    BLOB NOT NULL,
    hash           BLOB NOT NULL,
    sealed_at_ms   INTEGER NOT NULL,
    key_id         TEXT NOT NULL,
    signature      BLOB NOT NULL
) STRICT;

CREATE UNIQUE INDEX audit_seals_by_last_position ON audit_seals (last_position);
