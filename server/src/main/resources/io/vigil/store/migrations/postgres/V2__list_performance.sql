-- Version 2 for PostgreSQL (kept in step with migrations/sqlite/V2__list_performance.sql).

DROP INDEX insights_by_account;
DROP INDEX insights_by_zone;
CREATE INDEX insights_by_account ON insights (account_id, dismissed, timestamp_ms DESC, id)
    INCLUDE (severity, issue_type, issue_class, product);
CREATE INDEX insights_by_zone ON insights (zone_id, dismissed, timestamp_ms DESC, id)
    INCLUDE (severity, issue_type, issue_class, product, subject)
    WHERE zone_id IS NOT NULL;
CREATE INDEX insights_by_subject ON insights (account_id, subject, dismissed);

CREATE TABLE insight_tallies (
    account_id  TEXT COLLATE "C" NOT NULL,
    dismissed   INTEGER NOT NULL,
    issue_type  TEXT COLLATE "C" NOT NULL,
    issue_class TEXT COLLATE "C" NOT NULL,
    severity    TEXT COLLATE "C" NOT NULL,
    product     TEXT COLLATE "C" NOT NULL,
    zone_id     TEXT COLLATE "C" NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (account_id, dismissed, issue_type, issue_class, severity, product, zone_id)
);

CREATE INDEX insight_tallies_by_zone ON insight_tallies (zone_id, dismissed);

INSERT INTO insight_tallies
SELECT account_id, dismissed, issue_type, issue_class, severity, coalesce(product, ''), coalesce(zone_id, ''), count(*)
FROM insights
GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE FUNCTION insights_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.dismissed IS NOT DISTINCT FROM NEW.dismissed AND OLD.issue_type IS NOT DISTINCT FROM NEW.issue_type
            AND OLD.issue_class IS NOT DISTINCT FROM NEW.issue_class AND OLD.severity IS NOT DISTINCT FROM NEW.severity
            AND OLD.product IS NOT DISTINCT FROM NEW.product THEN
            RETURN NULL;
        END IF;
        UPDATE insight_tallies SET n = n - 1
        WHERE account_id = OLD.account_id AND dismissed = OLD.dismissed AND issue_type = OLD.issue_type
          AND issue_class = OLD.issue_class AND severity = OLD.severity AND product = coalesce(OLD.product, '')
          AND zone_id = coalesce(OLD.zone_id, '');
    END IF;
    INSERT INTO insight_tallies (account_id, dismissed, issue_type, issue_class, severity, product, zone_id, n)
    VALUES (NEW.account_id, NEW.dismissed, NEW.issue_type, NEW.issue_class, NEW.severity,
            coalesce(NEW.product, ''), coalesce(NEW.zone_id, ''), 1)
    ON CONFLICT (account_id, dismissed, issue_type, issue_class, severity, product, zone_id)
        DO UPDATE SET n = insight_tallies.n + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER insights_tally AFTER INSERT OR UPDATE OF dismissed, issue_type, issue_class, severity, product
    ON insights FOR EACH ROW EXECUTE FUNCTION insights_tally();

CREATE TABLE insight_list_version (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    version   BIGINT NOT NULL
);

INSERT INTO insight_list_version (singleton, version) VALUES (1, 0);
