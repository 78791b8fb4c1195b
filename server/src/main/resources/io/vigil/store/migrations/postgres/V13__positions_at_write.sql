-- Version 13 for PostgreSQL (kept in step with migrations/sqlite/V13__positions_at_write.sql): a change-log entry
-- gets its position and leaf hash when it is written, in its change's own transaction, and nothing of it is
-- updated afterwards (docs/decisions.md, "Positions given at write"). 'seq' ordered the entries a sealer used to
-- position later: it stays only for entries written before this version, which the first start positions in that
-- order (store/EntryBackfill); new entries leave it empty.
ALTER TABLE audit_log ALTER COLUMN seq DROP DEFAULT;
ALTER TABLE audit_log ALTER COLUMN seq DROP NOT NULL;
