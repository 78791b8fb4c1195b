-- Version 13: a change-log entry gets its position and leaf hash when it is written, in its change's own
-- transaction, and nothing of it is updated afterwards (docs/decisions.md, "Positions given at write"). 'seq'
-- ordered the entries a sealer used to position later: it stays only for entries written before this version,
-- which the first start positions in that order (store/EntryBackfill); new entries leave it empty.
DROP INDEX audit_log_by_seq;
