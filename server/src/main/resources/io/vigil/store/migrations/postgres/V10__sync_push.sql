-- Version 10 for PostgreSQL (kept in step with migrations/sqlite/V10__sync_push.sql): how far `vigil sync
-- --push` has sent an account's decisions to one upstream, as a position in the sealed change log.
CREATE TABLE sync_push_cursors (
    account_id TEXT NOT NULL,
    upstream TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (account_id, upstream)
);
