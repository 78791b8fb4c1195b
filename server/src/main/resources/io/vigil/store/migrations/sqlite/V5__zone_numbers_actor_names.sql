-- Version 5: a numeric id for every zone, and the names of the actors that audit entries record.

-- Cloudflare's schema types an audit entry's zone_id as an int64; paths and payloads keep the 32-hex tag.
-- A zone's number is given once, when the zone is first seen, from a counter that only grows: never reused.
ALTER TABLE zones ADD COLUMN number INTEGER;
UPDATE zones SET number = ordered.n
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM zones) AS ordered
WHERE ordered.id = zones.id;
CREATE UNIQUE INDEX zones_by_number ON zones (number);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO counters (name, value) SELECT 'zone_number', coalesce(max(number), 0) FROM zones;

CREATE TRIGGER zones_number AFTER INSERT ON zones
WHEN NEW.number IS NULL
BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'zone_number';
    UPDATE zones SET number = (SELECT value FROM counters WHERE name = 'zone_number') WHERE id = NEW.id;
END;

-- What a person calls each actor of changed_by ('token:<id>' → the token's name). Kept when a token is
-- deleted, so the history still names who acted; a token's new name replaces the old one.
CREATE TABLE actor_names (
    actor TEXT PRIMARY KEY,
    name  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO actor_names (actor, name) SELECT 'token:' || id, name FROM api_tokens;
