-- Version 3: bulk imports (store/BulkLoad.java, docs/decisions.md "Import").
-- A bulk import drops the secondary indexes and triggers of the insights table, loads, then recreates them
-- and rebuilds insight_tallies. The statements that recreate them are saved here in the transaction that
-- drops them and deleted in the one that recreates them, so a row here always means "still to recreate":
-- done when the import ends, or by the next process that opens the database if the import was killed.
CREATE TABLE deferred_schema (
    name TEXT PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('index', 'trigger')),
    sql  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
