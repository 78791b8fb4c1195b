-- Vigil schema, version 1. Times are Unix epoch milliseconds (UTC).

CREATE TABLE accounts (
    id TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TABLE zones (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id)
) STRICT, WITHOUT ROWID;

CREATE TABLE insights (
    id                  TEXT PRIMARY KEY,
    account_id          TEXT NOT NULL REFERENCES accounts (id),
    zone_id             TEXT REFERENCES zones (id),
    issue_class         TEXT NOT NULL,
    issue_type          TEXT NOT NULL,
    severity            TEXT NOT NULL CHECK (severity IN ('Low', 'Moderate', 'Critical')),
    subject             TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('active', 'resolved')),
    dismissed           INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),
    payload             TEXT NOT NULL,
    context             TEXT,
    product             TEXT,
    resolve_link        TEXT NOT NULL,
    resolve_text        TEXT NOT NULL,
    since_ms            INTEGER NOT NULL,
    timestamp_ms        INTEGER NOT NULL,
    user_classification TEXT CHECK (user_classification IN ('false_positive', 'accept_risk', 'other'))
) STRICT;

-- The list's order (most recently seen first, then id) within an account or a zone and a dismissed state.
CREATE INDEX insights_by_account ON insights (account_id, dismissed, timestamp_ms DESC, id);
CREATE INDEX insights_by_zone ON insights (zone_id, dismissed, timestamp_ms DESC, id) WHERE zone_id IS NOT NULL;

-- Append-only: rows are inserted in the transaction of the change they record, never updated.
CREATE TABLE audit_log (
    id             TEXT PRIMARY KEY, -- UUIDv7, canonical lowercase form: sorts by time
    issue_id       TEXT NOT NULL,
    account_id     TEXT NOT NULL,
    zone_id        TEXT,
    field_changed  TEXT NOT NULL CHECK (field_changed IN ('status', 'user_classification')),
    previous_value TEXT,
    current_value  TEXT,
    rationale      TEXT,
    changed_by     TEXT NOT NULL,
    changed_at_ms  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX audit_log_by_issue ON audit_log (issue_id, id);
CREATE INDEX audit_log_by_account ON audit_log (account_id, id);
CREATE INDEX audit_log_by_zone ON audit_log (zone_id, id) WHERE zone_id IS NOT NULL;

CREATE TABLE api_tokens (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE, -- SHA-256 of the secret; the secret itself is never stored
    permission  TEXT NOT NULL CHECK (permission IN ('read', 'edit')),
    created_ms  INTEGER NOT NULL,
    expires_ms  INTEGER
) STRICT;

-- Scopes may name accounts and zones that no insight has reached yet: no foreign key on resource_id.
CREATE TABLE api_token_scopes (
    token_id    TEXT NOT NULL REFERENCES api_tokens (id),
    kind        TEXT NOT NULL CHECK (kind IN ('account', 'zone')),
    resource_id TEXT NOT NULL,
    PRIMARY KEY (token_id, kind, resource_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE users (
    id       TEXT PRIMARY KEY,
    email    TEXT NOT NULL UNIQUE, -- lower case
    key_hash TEXT NOT NULL UNIQUE  -- SHA-256 of the global API key
) STRICT;

CREATE TABLE user_accounts (
    user_id    TEXT NOT NULL REFERENCES users (id),
    account_id TEXT NOT NULL,
    PRIMARY KEY (user_id, account_id)
) STRICT, WITHOUT ROWID;

-- Server-wide secrets shared by every process on this database (e.g. the key that signs cursors).
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO settings (name, value) VALUES ('cursor_key', lower(hex(randomblob(32))));
