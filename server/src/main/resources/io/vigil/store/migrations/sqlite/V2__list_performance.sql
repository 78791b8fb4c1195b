-- Version 2: what keeps lists and counts fast on millions of insights (docs/decisions.md, "Performance").

-- The list walks these in its order (last seen first, then id); they also hold every low-cardinality filter
-- column, so filters are evaluated on the index and a row is read only once it is on the page.
DROP INDEX insights_by_account;
DROP INDEX insights_by_zone;
CREATE INDEX insights_by_account ON insights
    (account_id, dismissed, timestamp_ms DESC, id, severity, issue_type, issue_class, product);
CREATE INDEX insights_by_zone ON insights
    (zone_id, dismissed, timestamp_ms DESC, id, severity, issue_type, issue_class, product, subject)
    WHERE zone_id IS NOT NULL;
-- Subjects (hosts, users) are too many for the tallies: an account-wide subject filter starts here.
CREATE INDEX insights_by_subject ON insights (account_id, subject, dismissed);

-- How many insights share each combination of the counted and filtered fields (all but subject), kept
-- exact by the triggers below in the transaction of every change. Totals and the class/severity/type
-- counts sum these rows instead of scanning insights. '' stands for "no zone" and "no product".
CREATE TABLE insight_tallies (
    account_id  TEXT NOT NULL,
    dismissed   INTEGER NOT NULL,
    issue_type  TEXT NOT NULL,
    issue_class TEXT NOT NULL,
    severity    TEXT NOT NULL,
    product     TEXT NOT NULL,
    zone_id     TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (account_id, dismissed, issue_type, issue_class, severity, product, zone_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX insight_tallies_by_zone ON insight_tallies (zone_id, dismissed);

INSERT INTO insight_tallies
SELECT account_id, dismissed, issue_type, issue_class, severity, coalesce(product, ''), coalesce(zone_id, ''), count(*)
FROM insights
GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE TRIGGER insights_tally_insert AFTER INSERT ON insights
BEGIN
    INSERT INTO insight_tallies (account_id, dismissed, issue_type, issue_class, severity, product, zone_id, n)
    VALUES (NEW.account_id, NEW.dismissed, NEW.issue_type, NEW.issue_class, NEW.severity,
            coalesce(NEW.product, ''), coalesce(NEW.zone_id, ''), 1)
    ON CONFLICT (account_id, dismissed, issue_type, issue_class, severity, product, zone_id)
        DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER insights_tally_update AFTER UPDATE OF dismissed, issue_type, issue_class, severity, product ON insights
WHEN OLD.dismissed IS NOT NEW.dismissed OR OLD.issue_type IS NOT NEW.issue_type
    OR OLD.issue_class IS NOT NEW.issue_class OR OLD.severity IS NOT NEW.severity
    OR OLD.product IS NOT NEW.product
BEGIN
    UPDATE insight_tallies SET n = n - 1
    WHERE account_id = OLD.account_id AND dismissed = OLD.dismissed AND issue_type = OLD.issue_type
      AND issue_class = OLD.issue_class AND severity = OLD.severity AND product = coalesce(OLD.product, '')
      AND zone_id = coalesce(OLD.zone_id, '');
    INSERT INTO insight_tallies (account_id, dismissed, issue_type, issue_class, severity, product, zone_id, n)
    VALUES (NEW.account_id, NEW.dismissed, NEW.issue_type, NEW.issue_class, NEW.severity,
            coalesce(NEW.product, ''), coalesce(NEW.zone_id, ''), 1)
    ON CONFLICT (account_id, dismissed, issue_type, issue_class, severity, product, zone_id)
        DO UPDATE SET n = n + 1;
END;

-- Bumped in the transaction of every change to which insights a list shows, or their order (imports,
-- dismissals; not classifications). Remembered list positions are only reused within one version.
CREATE TABLE insight_list_version (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    version   INTEGER NOT NULL
) STRICT;

INSERT INTO insight_list_version (singleton, version) VALUES (1, 0);
