-- Version 6 for PostgreSQL (kept in step with migrations/sqlite/V6__change_log.sql): the audit log becomes
-- the one change log, sealed into a signed chain (docs/decisions.md, "The change log and its seals").

-- Dismissals are recorded too (field 'dismissed'; Cloudflare's audit-log routes do not show them). An entry
-- gets its position in the log and its leaf hash once, when it is sealed; nothing else of it ever changes.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_field_changed_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_field_changed_check
    CHECK (field_changed IN ('status', 'user_classification', 'dismissed'));
ALTER TABLE audit_log ADD COLUMN position BIGINT; -- 1, 2, 3, … in the sealed order; NULL until sealed
ALTER TABLE audit_log ADD COLUMN leaf_hash BYTEA;
ALTER TABLE audit_log ADD COLUMN list_version BIGINT; -- a dismissal's insight_list_version: how other nodes follow it

CREATE UNIQUE INDEX audit_log_by_position ON audit_log (position) WHERE position IS NOT NULL;
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE position IS NULL;
CREATE INDEX audit_log_by_list_version ON audit_log (list_version) WHERE list_version IS NOT NULL;

-- One row per seal: the entries at positions first_position..last_position, their Merkle tree's root, and
-- the hash chaining this seal to the one before, signed with the deployment's Ed25519 key.
CREATE TABLE audit_seals (
    seal           BIGINT PRIMARY KEY, -- 1, 2, 3, …
    first_position BIGINT NOT NULL,
    last_position  BIGINT NOT NULL,
    merkle_root    BYTEA NOT NULL,
    hash           BYTEA NOT NULL,
    sealed_at_ms   BIGINT NOT NULL,
    key_id         TEXT COLLATE "C" NOT NULL,
    signature      BYTEA NOT NULL
);

CREATE UNIQUE INDEX audit_seals_by_last_position ON audit_seals (last_position);
