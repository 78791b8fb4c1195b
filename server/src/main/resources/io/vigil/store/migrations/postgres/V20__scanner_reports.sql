-- Version 20: what each scanner reported in the last completed scan of each scope (issue 31), so that the next scan
-- of that scope resolves what the scanner no longer reports. scope is the zone's id for a zone's scan and empty for
-- the account's; a row is written and removed in the transaction that applies the scan's import.
CREATE TABLE scanner_reports (
    account_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    scanner TEXT NOT NULL,
    insight_id TEXT NOT NULL,
    PRIMARY KEY (account_id, scope, scanner, insight_id)
);
-- Whether any other scope or scanner still reports an insight a scan no longer does.
CREATE INDEX scanner_reports_by_insight ON scanner_reports (insight_id);
