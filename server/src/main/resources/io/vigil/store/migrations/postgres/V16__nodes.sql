-- Version 16: which process holds each node id (the `node-id` file of a data directory) and when it last said so,
-- so that a node started from a copy of another's data directory is refused while the other runs
-- (docs/decisions.md, "Several nodes, one set of keys").
CREATE TABLE nodes (
    node_id TEXT PRIMARY KEY,
    instance TEXT NOT NULL,
    seen_ms BIGINT NOT NULL
);
