-- Vigil schema, version 1, for PostgreSQL (kept in step with migrations/sqlite/V1__init.sql).
-- Times are Unix epoch milliseconds (UTC). Keys compare byte-wise (COLLATE "C"), as in SQLite, so keyset
-- pages and UUIDv7 order do not depend on the server's locale.

CREATE TABLE accounts (
    id TEXT COLLATE "C" PRIMARY KEY
);

CREATE TABLE zones (
    id         TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts (id)
);

CREATE TABLE insights (
    id                  TEXT COLLATE "C" PRIMARY KEY,
    account_id          TEXT COLLATE "C" NOT NULL REFERENCES accounts (id),
    zone_id             TEXT COLLATE "C" REFERENCES zones (id),
    issue_class         TEXT COLLATE "C" NOT NULL,
    issue_type          TEXT COLLATE "C" NOT NULL,
    severity            TEXT COLLATE "C" NOT NULL CHECK (severity IN ('Low', 'Moderate', 'Critical')),
    subject             TEXT COLLATE "C" NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('active', 'resolved')),
    dismissed           INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),
    payload             TEXT NOT NULL,
    context             TEXT,
    product             TEXT COLLATE "C",
    resolve_link        TEXT NOT NULL,
    resolve_text        TEXT NOT NULL,
    since_ms            BIGINT NOT NULL,
    timestamp_ms        BIGINT NOT NULL,
    user_classification TEXT CHECK (user_classification IN ('false_positive', 'accept_risk', 'other'))
);

CREATE INDEX insights_by_account ON insights (account_id, dismissed, timestamp_ms DESC, id);
CREATE INDEX insights_by_zone ON insights (zone_id, dismissed, timestamp_ms DESC, id) WHERE zone_id IS NOT NULL;

-- Append-only: rows are inserted in the transaction of the change they record, never updated.
CREATE TABLE audit_log (
    id             TEXT COLLATE "C" PRIMARY KEY, -- UUIDv7, canonical lowercase form: sorts by time
    issue_id       TEXT COLLATE "C" NOT NULL,
    account_id     TEXT COLLATE "C" NOT NULL,
    zone_id        TEXT COLLATE "C",
    field_changed  TEXT NOT NULL CHECK (field_changed IN ('status', 'user_classification')),
    previous_value TEXT,
    current_value  TEXT,
    rationale      TEXT,
    changed_by     TEXT NOT NULL,
    changed_at_ms  BIGINT NOT NULL
);

CREATE INDEX audit_log_by_issue ON audit_log (issue_id, id);
CREATE INDEX audit_log_by_account ON audit_log (account_id, id);
CREATE INDEX audit_log_by_zone ON audit_log (zone_id, id) WHERE zone_id IS NOT NULL;

CREATE TABLE api_tokens (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE, -- SHA-256 of the secret; the secret itself is never stored
    permission  TEXT NOT NULL CHECK (permission IN ('read', 'edit')),
    created_ms  BIGINT NOT NULL,
    expires_ms  BIGINT
);

-- Scopes may name accounts and zones that no insight has reached yet: no foreign key on resource_id.
CREATE TABLE api_token_scopes (
    token_id    TEXT COLLATE "C" NOT NULL REFERENCES api_tokens (id),
    kind        TEXT NOT NULL CHECK (kind IN ('account', 'zone')),
    resource_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (token_id, kind, resource_id)
);

CREATE TABLE users (
    id       TEXT COLLATE "C" PRIMARY KEY,
    email    TEXT NOT NULL UNIQUE, -- lower case
    key_hash TEXT NOT NULL UNIQUE  -- SHA-256 of the global API key
);

CREATE TABLE user_accounts (
    user_id    TEXT COLLATE "C" NOT NULL REFERENCES users (id),
    account_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, account_id)
);

-- Server-wide secrets shared by every node on this database (e.g. the key that signs cursors).
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO settings (name, value)
VALUES ('cursor_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
