package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.insight.ClassificationUpdate;
import io.vigil.insight.Count;
import io.vigil.insight.CountField;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightPage;
import io.vigil.insight.InsightState;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.InsightStore;
import io.vigil.insight.StatusChange;
import io.vigil.tenant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link InsightStore} on SQLite or PostgreSQL. User changes (classification, dismissal) go through a
 * {@link GroupCommitWriter}; the classification compare-and-set is the {@code WHERE user_classification
 * IS ?} of one {@code UPDATE}, and its audit row is inserted in the same transaction only if it matched.
 * Thread-safe.
 */
public final class JdbcInsightStore implements InsightStore, AutoCloseable {
    private static final String SCOPED = " FROM insights WHERE id = ? AND %s = ?";
    private static final String INSERT_AUDIT =
            "INSERT INTO audit_log (" + InsightRows.AUDIT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT = "INSERT INTO insights (" + InsightRows.INSIGHT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + """
             ON CONFLICT (id) DO UPDATE SET
                issue_class = excluded.issue_class, issue_type = excluded.issue_type,
                severity = excluded.severity, subject = excluded.subject, status = excluded.status,
                payload = excluded.payload, context = excluded.context, product = excluded.product,
                resolve_link = excluded.resolve_link, resolve_text = excluded.resolve_text,
                since_ms = excluded.since_ms, timestamp_ms = excluded.timestamp_ms
            WHERE insights.account_id = excluded.account_id AND insights.zone_id %s excluded.zone_id""";

    /** The writes that go through the group-commit writer. */
    private sealed interface Write {}

    private record Classify(ClassificationUpdate update) implements Write {}

    private record Dismiss(Scope scope, String issueId, boolean dismissed) implements Write {}

    private final Database database;
    private final String compareAndSet;
    private final String upsert;
    private final GroupCommitWriter<Write> writer;
    private final ListPositions positions = new ListPositions();

    public JdbcInsightStore(Database database) {
        this.database = database;
        this.compareAndSet = "UPDATE insights SET user_classification = ? WHERE id = ? AND user_classification "
                + database.dialect().nullSafeEquals() + " ?";
        this.upsert = UPSERT.formatted(database.dialect().nullSafeEquals());
        this.writer =
                new GroupCommitWriter<>(database, this::applyAll, "vigil-writer", writerThreads(database.dialect()));
    }

    /**
     * One writer on SQLite, which has a single writer anyway. Two on PostgreSQL: one batch commits (waiting
     * for its {@code fsync}) while the next is sent; one node's PATCH rate went from 0.83x to 1.43x
     * PostgreSQL's one-transaction-per-request rate (docs/benchmarks.md). PostgreSQL re-checks each
     * compare-and-set on the newest row, so two batches in flight are as safe as two nodes.
     */
    private static int writerThreads(Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> 1;
            case POSTGRES -> 2;
        };
    }

    private static String scopeColumn(Scope scope) {
        return switch (scope) {
            case Scope.Account account -> "account_id";
            case Scope.Zone zone -> "zone_id";
        };
    }

    @Override
    public Optional<InsightState> find(Scope scope, String issueId) {
        String sql = "SELECT id, account_id, zone_id, user_classification" + SCOPED.formatted(scopeColumn(scope));
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                p.setString(1, issueId);
                p.setString(2, scope.id());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new InsightState(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    InsightRows.classification(rs.getString(4))))
                            : Optional.<InsightState>empty();
                }
            }
        });
    }

    @Override
    public Optional<Insight> get(Scope scope, String issueId) {
        String sql = "SELECT " + InsightRows.INSIGHT_COLUMNS + SCOPED.formatted(scopeColumn(scope));
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                p.setString(1, issueId);
                p.setString(2, scope.id());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(InsightRows.insight(rs)) : Optional.<Insight>empty();
                }
            }
        });
    }

    @Override
    public InsightPage list(Scope scope, InsightFilter filter, int page, int perPage) {
        long offset = (long) (page - 1) * perPage;
        return database.read(connection -> {
            long version = listVersion(connection);
            Map.Entry<Long, ListPositions.Position> start = positions.floor(scope, filter, version, offset);
            long from = start == null ? 0 : start.getKey();
            // Read one row before the page too (when there is one past the start), to remember where it begins.
            boolean lead = offset > from;
            InsightSql where = InsightSql.where(scope, filter);
            StringBuilder sql = new StringBuilder("SELECT ")
                    .append(InsightRows.INSIGHT_COLUMNS)
                    .append(" FROM insights WHERE ")
                    .append(where.sql());
            if (start != null) {
                // "after (t, id)" in (timestamp DESC, id) order; the bare "timestamp_ms <= ?" lets SQLite seek.
                sql.append(" AND timestamp_ms <= ? AND (timestamp_ms < ? OR id > ?)");
            }
            sql.append(" ORDER BY timestamp_ms DESC, id LIMIT ? OFFSET ?");
            List<Insight> rows = new ArrayList<>(perPage + 1);
            try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
                int next = where.bind(p);
                if (start != null) {
                    p.setLong(next++, start.getValue().timestampMs());
                    p.setLong(next++, start.getValue().timestampMs());
                    p.setString(next++, start.getValue().id());
                }
                p.setInt(next++, perPage + (lead ? 1 : 0));
                p.setLong(next, offset - from - (lead ? 1 : 0));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(InsightRows.insight(rs));
                    }
                }
            }
            if (lead && !rows.isEmpty()) {
                positions.remember(scope, filter, version, offset, position(rows.remove(0)));
            }
            if (!rows.isEmpty()) {
                positions.remember(scope, filter, version, offset + rows.size(), position(rows.get(rows.size() - 1)));
            }
            return new InsightPage(rows, total(connection, scope, filter));
        });
    }

    private static ListPositions.Position position(Insight insight) {
        return new ListPositions.Position(insight.timestamp().toEpochMilli(), insight.id());
    }

    /** How many insights pass the filter: from the tallies, unless the filter is on subjects. */
    private static long total(Connection connection, Scope scope, InsightFilter filter) throws SQLException {
        InsightSql where = InsightSql.where(scope, filter);
        String sql = usesTallies(filter)
                ? "SELECT coalesce(sum(n), 0) FROM insight_tallies WHERE " + where.sql()
                : "SELECT count(*) FROM insights WHERE " + where.sql();
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            where.bind(p);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The tallies hold every filtered field but the subject. */
    private static boolean usesTallies(InsightFilter filter) {
        return filter.subjects().isEmpty() && filter.excludedSubjects().isEmpty();
    }

    private static long listVersion(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT version FROM insight_list_version");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void bumpListVersion(Connection connection) throws SQLException {
        try (PreparedStatement p =
                connection.prepareStatement("UPDATE insight_list_version SET version = version + 1")) {
            p.executeUpdate();
        }
    }

    @Override
    public List<Count> count(Scope scope, InsightFilter filter, CountField field) {
        InsightSql where = InsightSql.where(scope, filter);
        String column = InsightSql.column(field);
        String sql = usesTallies(filter)
                ? "SELECT " + column + ", sum(n) AS c FROM insight_tallies WHERE " + where.sql() + " GROUP BY " + column
                        + " HAVING sum(n) > 0 ORDER BY c DESC, " + column
                : "SELECT " + column + ", count(*) AS c FROM insights WHERE " + where.sql() + " GROUP BY " + column
                        + " ORDER BY c DESC, " + column;
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                where.bind(p);
                try (ResultSet rs = p.executeQuery()) {
                    List<Count> counts = new ArrayList<>();
                    while (rs.next()) {
                        counts.add(new Count(rs.getString(1), rs.getLong(2)));
                    }
                    return counts;
                }
            }
        });
    }

    @Override
    public boolean apply(ClassificationUpdate update) {
        return writer.submit(new Classify(update));
    }

    @Override
    public boolean dismiss(Scope scope, String issueId, boolean dismissed) {
        return writer.submit(new Dismiss(scope, issueId, dismissed));
    }

    /**
     * The batch body of the writer: every write of the batch, in one transaction. The compare-and-sets go
     * to the database as one JDBC batch, in queue order (one round trip on PostgreSQL, which runs them one
     * after the other, so two on one insight resolve as if committed in that order); then the audit rows
     * of those that matched, as one batch (one multi-row {@code INSERT} on PostgreSQL). Dismissals touch
     * neither the classification nor the audit log, so running them after the classifications changes no
     * result.
     *
     * <p>Writes run in insight id order, writes to one insight in queue order: two batches committing at
     * once on PostgreSQL then lock the rows of their compare-and-sets in the same order and never deadlock
     * on them. (Dismissals, rare, may still deadlock with another batch; PostgreSQL detects it, and the
     * writer retries each write of the failed batch on its own.)
     */
    private boolean[] applyAll(Connection connection, List<Write> writes) throws SQLException {
        boolean[] applied = new boolean[writes.size()];
        List<Integer> order = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> issueId(writes.get(i)))); // stable: keeps queue order per insight
        List<Integer> classified = new ArrayList<>(writes.size());
        boolean dismissed = false;
        try (PreparedStatement cas = connection.prepareStatement(compareAndSet);
                PreparedStatement audit = connection.prepareStatement(INSERT_AUDIT);
                PreparedStatement dismissAccount = connection.prepareStatement(
                        "UPDATE insights SET dismissed = ? WHERE id = ? AND account_id = ?");
                PreparedStatement dismissZone =
                        connection.prepareStatement("UPDATE insights SET dismissed = ? WHERE id = ? AND zone_id = ?")) {
            for (int i : order) {
                switch (writes.get(i)) {
                    case Classify classify -> {
                        ClassificationUpdate update = classify.update();
                        cas.setString(1, InsightRows.wireName(update.next()));
                        cas.setString(2, update.issueId());
                        InsightRows.setNullable(cas, 3, InsightRows.wireName(update.expected()));
                        cas.addBatch();
                        classified.add(i);
                    }
                    case Dismiss dismiss -> {} // below
                }
            }
            if (!classified.isEmpty()) {
                int[] updated = cas.executeBatch();
                boolean audited = false;
                for (int k = 0; k < classified.size(); k++) {
                    int i = classified.get(k);
                    applied[i] = updated[k] == 1;
                    if (applied[i]) {
                        InsightRows.bind(
                                audit, ((Classify) writes.get(i)).update().audit());
                        audit.addBatch();
                        audited = true;
                    }
                }
                if (audited) {
                    audit.executeBatch();
                }
            }
            for (int i : order) {
                if (writes.get(i) instanceof Dismiss dismiss) {
                    PreparedStatement p = dismiss.scope() instanceof Scope.Account ? dismissAccount : dismissZone;
                    p.setInt(1, dismiss.dismissed() ? 1 : 0);
                    p.setString(2, dismiss.issueId());
                    p.setString(3, dismiss.scope().id());
                    applied[i] = p.executeUpdate() == 1;
                    dismissed |= applied[i];
                }
            }
            if (dismissed) {
                bumpListVersion(connection);
            }
        }
        return applied;
    }

    private static String issueId(Write write) {
        return switch (write) {
            case Classify classify -> classify.update().issueId();
            case Dismiss dismiss -> dismiss.issueId();
        };
    }

    @Override
    public void upsert(List<Insight> insights, Function<StatusChange, AuditEntry> audit) {
        database.inTransaction(connection -> {
            Map<String, InsightStatus> before = statuses(connection, insights);
            ensureAccountsAndZones(connection, insights);
            bumpListVersion(connection);
            try (PreparedStatement upsert = connection.prepareStatement(this.upsert);
                    PreparedStatement auditRow = connection.prepareStatement(INSERT_AUDIT)) {
                for (Insight i : insights) {
                    InsightRows.bind(upsert, i);
                    if (upsert.executeUpdate() == 0) {
                        throw new IllegalArgumentException(
                                "insight '" + i.id() + "' already exists in another account or zone; it cannot move");
                    }
                    InsightStatus previous = before.get(i.id());
                    if (previous != null && previous != i.status()) {
                        InsightRows.bind(
                                auditRow,
                                audit.apply(new StatusChange(i.id(), i.accountId(), i.zoneId(), previous, i.status())));
                        auditRow.executeUpdate();
                    }
                }
            }
        });
    }

    /** Creates the batch's accounts and zones on first sight; a zone never changes account. */
    private static void ensureAccountsAndZones(Connection connection, List<Insight> insights) throws SQLException {
        Map<String, String> zones = new HashMap<>();
        java.util.Set<String> accounts = new java.util.HashSet<>();
        for (Insight i : insights) {
            accounts.add(i.accountId());
            if (i.zoneId() != null) {
                String other = zones.putIfAbsent(i.zoneId(), i.accountId());
                if (other != null && !other.equals(i.accountId())) {
                    throw zoneMoves(i.zoneId(), other, i.accountId());
                }
            }
        }
        try (PreparedStatement account =
                        connection.prepareStatement("INSERT INTO accounts (id) VALUES (?) ON CONFLICT DO NOTHING");
                PreparedStatement zone = connection.prepareStatement(
                        "INSERT INTO zones (id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
                PreparedStatement owner = connection.prepareStatement("SELECT account_id FROM zones WHERE id = ?")) {
            for (String id : accounts) {
                account.setString(1, id);
                account.executeUpdate();
            }
            for (Map.Entry<String, String> entry : zones.entrySet()) {
                zone.setString(1, entry.getKey());
                zone.setString(2, entry.getValue());
                zone.executeUpdate();
                owner.setString(1, entry.getKey());
                try (ResultSet rs = owner.executeQuery()) {
                    rs.next();
                    if (!rs.getString(1).equals(entry.getValue())) {
                        throw zoneMoves(entry.getKey(), rs.getString(1), entry.getValue());
                    }
                }
            }
        }
    }

    private static IllegalArgumentException zoneMoves(String zone, String owner, String claimed) {
        return new IllegalArgumentException(
                "zone '" + zone + "' belongs to account '" + owner + "', not '" + claimed + "'");
    }

    /** The current status of those of {@code insights} that already exist, in one query per 500. */
    private static Map<String, InsightStatus> statuses(Connection connection, List<Insight> insights)
            throws SQLException {
        Map<String, InsightStatus> statuses = new HashMap<>();
        for (int from = 0; from < insights.size(); from += 500) {
            List<Insight> chunk = insights.subList(from, Math.min(insights.size(), from + 500));
            String sql = "SELECT id, status FROM insights WHERE id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    p.setString(i + 1, chunk.get(i).id());
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        statuses.put(
                                rs.getString(1),
                                InsightStatus.fromWireName(rs.getString(2)).orElseThrow());
                    }
                }
            }
        }
        return statuses;
    }

    @Override
    public List<AuditEntry> auditTrail(String issueId) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT " + InsightRows.AUDIT_COLUMNS + " FROM audit_log WHERE issue_id = ? ORDER BY id")) {
                p.setString(1, issueId);
                try (ResultSet rs = p.executeQuery()) {
                    List<AuditEntry> entries = new ArrayList<>();
                    while (rs.next()) {
                        entries.add(InsightRows.auditEntry(rs));
                    }
                    return entries;
                }
            }
        });
    }

    /** Commits every queued write, then stops the writer. The database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
