-- Version 19: on-demand scans (Cloudflare's "Security Center Scans", issue 31): one row per scan an account or
-- one of its zones started, whatever became of it. The quota (5 per account per 24 hours, zone scans counted
-- against their account) is counted from these rows, so the index leads with the account and the start.
-- Version 18 is left to another change in progress; the runner applies scripts in version order and allows the gap.
CREATE TABLE scans (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    zone_id TEXT,
    issue_type TEXT,
    issue_class TEXT,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    reason TEXT,
    started_ms BIGINT NOT NULL,
    started_by TEXT NOT NULL,
    -- The node running it (its node id) and until when that node's claim holds; a claim not renewed in time
    -- lets another node take the scan over (attempts counts the runs; finished_ms when it ended).
    holder TEXT,
    lease_until_ms BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    finished_ms BIGINT,
    CHECK (issue_type IS NULL OR issue_class IS NULL),
    CHECK ((status = 'failed') = (reason IS NOT NULL))
);
CREATE INDEX scans_by_account ON scans (account_id, started_ms);
CREATE INDEX scans_unfinished ON scans (started_ms) WHERE status IN ('queued', 'running');
