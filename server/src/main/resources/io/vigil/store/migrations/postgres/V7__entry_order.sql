-- Version 7 for PostgreSQL (kept in step with migrations/sqlite/V7__entry_order.sql): change-log entries are
-- numbered in the order they are written ('seq'), which a sealer follows when it gives the unsealed ones their
-- positions. Entry ids are UUIDv7s made by each node's own clock, so two nodes' ids need not sort in the order
-- their changes happened; a writer takes its number after the row lock of the insight it changes.

ALTER TABLE audit_log ADD COLUMN seq BIGINT;

-- Entries already there: sealed ones in their sealed order, then unsealed ones by id (the order of version 6).
UPDATE audit_log SET seq = ordered.n
FROM (SELECT id, row_number() OVER (ORDER BY position NULLS LAST, id) AS n FROM audit_log) AS ordered
WHERE audit_log.id = ordered.id;

CREATE SEQUENCE audit_log_seq OWNED BY audit_log.seq;
SELECT setval('audit_log_seq', coalesce(max(seq), 0) + 1, false) FROM audit_log;
ALTER TABLE audit_log ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq');
ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL;

DROP INDEX audit_log_unsealed;
CREATE INDEX audit_log_unsealed ON audit_log (seq) WHERE position IS NULL;
