-- Version 10: how far `vigil sync --push` has sent an account's decisions to one upstream, as a position in the
-- sealed change log (docs/decisions.md, "Sync with Cloudflare").
CREATE TABLE sync_push_cursors (
    account_id TEXT NOT NULL,
    upstream TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (account_id, upstream)
);
