-- Version 15: where a sync's reading of an account stands when a run stops before the end (its request budget
-- spent, upstream failing), so the next run goes on from there instead of starting over (docs/decisions.md,
-- "Sync with Cloudflare"). One row per account and upstream while a pass is unfinished; `state` is JSON.
CREATE TABLE sync_passes (
    account_id TEXT NOT NULL,
    upstream TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (account_id, upstream)
);
