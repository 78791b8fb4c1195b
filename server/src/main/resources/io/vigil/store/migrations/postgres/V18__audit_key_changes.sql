-- Version 18: the change log's signing key can be replaced. Each change names the key it replaces and the key
-- that signs from then on, is anchored to the newest seal at the time, and is signed by both keys, so a verifier
-- holding the old public key follows it (docs/extensions.md, "Rotating the signing key").
CREATE TABLE audit_key_changes (
    change          BIGINT PRIMARY KEY, -- 1, 2, 3, …
    from_key_id     TEXT COLLATE "C" NOT NULL,
    to_key_id       TEXT COLLATE "C" NOT NULL,
    to_public_key   TEXT NOT NULL, -- PEM
    after_seal      BIGINT NOT NULL, -- 0: before the first seal
    after_hash      BYTEA NOT NULL,
    changed_at_ms   BIGINT NOT NULL,
    from_signature  BYTEA NOT NULL,
    to_signature    BYTEA NOT NULL
);
