-- Version 5: a numeric id for every zone, and the names of the actors that audit entries record
-- (kept in step with migrations/sqlite/V5__zone_numbers_actor_names.sql).

-- Cloudflare's schema types an audit entry's zone_id as an int64; paths and payloads keep the 32-hex tag.
-- A zone's number is given once, when the zone is first seen, by a sequence: shared by every node, never
-- reused (a rolled-back or conflicting insert skips a number rather than giving it again).
ALTER TABLE zones ADD COLUMN number BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE zones ADD CONSTRAINT zones_number_unique UNIQUE (number);

-- What a person calls each actor of changed_by ('token:<id>' → the token's name). Kept when a token is
-- deleted, so the history still names who acted; a token's new name replaces the old one.
CREATE TABLE actor_names (
    actor TEXT COLLATE "C" PRIMARY KEY,
    name  TEXT NOT NULL
);

INSERT INTO actor_names (actor, name) SELECT 'token:' || id, name FROM api_tokens;
