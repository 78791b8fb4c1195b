-- Version 3 for PostgreSQL (kept in step with migrations/sqlite/V3__deferred_schema.sql). PostgreSQL bulk
-- imports keep their indexes and triggers (store/BulkLoad.java), so this table stays empty there.
CREATE TABLE deferred_schema (
    name TEXT COLLATE "C" PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('index', 'trigger')),
    sql  TEXT NOT NULL
);
