-- Version 7: change-log entries are numbered in the order they are written ('seq'), which a sealer follows
-- when it gives the unsealed ones their positions. Entry ids are UUIDv7s made by each node's own clock, so
-- two nodes' ids (even two generators in one millisecond) need not sort in the order their changes happened.

ALTER TABLE audit_log ADD COLUMN seq INTEGER;

-- Entries already there: sealed ones in their sealed order, then unsealed ones by id (the order of version 6).
UPDATE audit_log SET seq = ordered.n
FROM (SELECT id, row_number() OVER (ORDER BY position IS NULL, position, id) AS n FROM audit_log) AS ordered
WHERE audit_log.id = ordered.id;

CREATE UNIQUE INDEX audit_log_by_seq ON audit_log (seq);
DROP INDEX audit_log_unsealed;
CREATE INDEX audit_log_unsealed ON audit_log (seq) WHERE position IS NULL;
