-- pgbench script for bench/run.sh (DATABASE=postgres): PostgreSQL's own rate for the write behind one
-- classification PATCH, one transaction per request. The same compare-and-set UPDATE as Vigil's writer,
-- then the audit row (inserted only if the compare-and-set matched, so audit rows = changes), then COMMIT.
--
--   pgbench -n -M prepared -c 64 -j 2 -T 30 -f per-op.sql -D count=10000 -D clients=64 -D pos=0 vigil
--
-- Client c owns the insights pgb-NNNNNN with NNNNNN = c+1, c+1+clients, ... <= count and walks them in
-- passes, as bench/wrk/bench.lua does: even passes set false_positive (expecting null), odd passes reset
-- to null (expecting false_positive). So every transaction is a real change, never a no-op or a conflict.
\set pos :pos + 1
\set per (:count - :client_id - 1) / :clients + 1
\set k (:pos - 1) % :per
\set parity ((:pos - 1) / :per) % 2
\set n :client_id + 1 + :k * :clients
BEGIN;
UPDATE insights SET user_classification = CASE WHEN :parity = 0 THEN 'false_positive' END
  WHERE id = 'pgb-' || lpad(:n::text, 6, '0')
    AND user_classification IS NOT DISTINCT FROM (CASE WHEN :parity = 0 THEN NULL ELSE 'false_positive' END);
INSERT INTO audit_log (id, issue_id, account_id, zone_id, field_changed, previous_value, current_value,
                       rationale, changed_by, changed_at_ms)
  SELECT overlay(gen_random_uuid()::text PLACING substr(t.h, 1, 8) || '-' || substr(t.h, 9, 4) FROM 1 FOR 13),
         i.id, i.account_id, i.zone_id, 'user_classification',
         CASE WHEN :parity = 0 THEN NULL ELSE 'false_positive' END,
         CASE WHEN :parity = 0 THEN 'false_positive' END,
         NULL, 'token:00000000-0000-7000-8000-000000000000', t.ms
  FROM insights i,
       (SELECT lpad(to_hex(ms), 12, '0') AS h, ms
        FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms) now) t
  WHERE i.id = 'pgb-' || lpad(:n::text, 6, '0')
    AND i.user_classification IS NOT DISTINCT FROM (CASE WHEN :parity = 0 THEN 'false_positive' END);
END;
