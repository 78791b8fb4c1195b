-- Version 14: a list filtered on one issue class walks that class's insights only (docs/decisions.md,
-- "Performance"). The list indexes of version 2 hold the class after the list order, so a filter on a rare
-- class walked the whole account to find its few insights; here the class comes before the order, and a
-- single-class filter (a bulk by `issue_class=…`, a list of one class) reads its page straight from it. The
-- other filter columns follow, as in version 2, so they are evaluated on the index. Lists of several classes,
-- of none, and of a zone keep the version 2 indexes.
CREATE INDEX insights_by_class ON insights
    (account_id, dismissed, issue_class, timestamp_ms DESC, id, severity, issue_type, product);
