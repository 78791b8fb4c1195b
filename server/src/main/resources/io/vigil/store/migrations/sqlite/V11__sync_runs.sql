-- Version 11: `vigil serve --sync-every` runs one account's sync on one node at a time (a lease) and keeps the
-- last run's result for /readyz and the console (docs/decisions.md, "Sync with Cloudflare").
CREATE TABLE sync_runs (
    account_id TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    lease_until_ms BIGINT NOT NULL,
    last_at_ms BIGINT,
    last_result TEXT
);
