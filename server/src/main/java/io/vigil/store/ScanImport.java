package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.insight.Insight;
import io.vigil.insight.StatusChange;
import io.vigil.scan.ScanReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A scan's report applied in one transaction: what its scanners reported before in the scope read from {@code
 * scanner_reports}, what it resolves decided by {@link ScanReport#resolve}, the reports remembered anew, then one
 * import of the reported insights and the resolved ones through {@link InsightImport} (change-log entries last).
 */
final class ScanImport {
    /** Bound values per statement when reading by id, under every dialect's limit. */
    private static final int SLICE = 500;

    /** Rows per JDBC batch when remembering or forgetting reports. */
    private static final int JDBC_BATCH = 1_000;

    private static final String FORGET =
            "DELETE FROM scanner_reports WHERE account_id = ? AND scope = ? AND scanner = ? AND insight_id = ?";
    private static final String REMEMBER = "INSERT INTO scanner_reports (account_id, scope, scanner, insight_id)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final Database database;
    private final InsightImport imports;

    ScanImport(Database database, InsightImport imports) {
        this.database = database;
        this.imports = imports;
    }

    void apply(ScanReport report, Function<StatusChange, AuditEntry> audit) {
        database.inTransaction(connection -> apply(connection, report, audit));
    }

    private void apply(Connection connection, ScanReport report, Function<StatusChange, AuditEntry> audit)
            throws SQLException {
        // The list version's lock first, as every import takes it: two scans of one scope apply one after the other,
        // each reading what the other remembered.
        ListVersion.bump(connection);
        String account = report.scan().accountId();
        String scope = report.scope();
        Map<String, Set<String>> before =
                remembered(connection, account, scope, report.byScanner().keySet());
        Set<String> dropped = report.dropped(before);
        Map<String, Insight> stored = RowsById.read(
                connection,
                database.dialect(),
                "SELECT " + InsightRows.SELECTED_COLUMNS + " FROM insights",
                dropped,
                InsightRows::insight,
                Insight::id);
        ScanReport.Resolution resolution = report.resolve(before, stored, elsewhere(connection, report, dropped));
        each(connection, FORGET, account, scope, resolution.forgotten());
        Map<String, Set<String>> fresh = new HashMap<>(); // what each scanner reports now and did not before
        for (String scanner : report.byScanner().keySet()) {
            Set<String> ids = report.reported(scanner);
            ids.removeAll(before.getOrDefault(scanner, Set.of()));
            fresh.put(scanner, ids);
        }
        each(connection, REMEMBER, account, scope, fresh);
        List<Insight> insights = new ArrayList<>(report.insights());
        insights.addAll(resolution.resolved());
        if (!insights.isEmpty()) {
            imports.upsert(connection, insights, audit);
        }
    }

    /** What each of {@code scanners} reported in the last scan of the scope. */
    private static Map<String, Set<String>> remembered(
            Connection connection, String account, String scope, Set<String> scanners) throws SQLException {
        Map<String, Set<String>> before = new HashMap<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT scanner, insight_id FROM scanner_reports WHERE account_id = ? AND scope = ?")) {
            p.setString(1, account);
            p.setString(2, scope);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (scanners.contains(rs.getString(1))) {
                        before.computeIfAbsent(rs.getString(1), s -> new HashSet<>())
                                .add(rs.getString(2));
                    }
                }
            }
        }
        return before;
    }

    /** Those of {@code ids} still reported by a scanner not of this scan, or in a scan of another scope. */
    private static Set<String> elsewhere(Connection connection, ScanReport report, Set<String> ids)
            throws SQLException {
        List<String> all = List.copyOf(ids);
        Set<String> elsewhere = new HashSet<>();
        for (int from = 0; from < all.size(); from += SLICE) {
            List<String> slice = all.subList(from, Math.min(all.size(), from + SLICE));
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT insight_id, account_id, scope, scanner FROM scanner_reports WHERE insight_id IN ("
                            + Sql.placeholders(slice.size()) + ")")) {
                for (int i = 0; i < slice.size(); i++) {
                    p.setString(i + 1, slice.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        boolean thisScan = rs.getString(2).equals(report.scan().accountId())
                                && rs.getString(3).equals(report.scope())
                                && report.byScanner().containsKey(rs.getString(4));
                        if (!thisScan) {
                            elsewhere.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return elsewhere;
    }

    /** Runs {@code sql} (bound to the account, scope, scanner and insight id) for each scanner's ids. */
    private static void each(
            Connection connection, String sql, String account, String scope, Map<String, Set<String>> idsByScanner)
            throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Map.Entry<String, Set<String>> each : idsByScanner.entrySet()) {
                for (String id : each.getValue().stream().sorted().toList()) {
                    Statements.bind(p, account, scope, each.getKey(), id);
                    p.addBatch();
                    if (++pending == JDBC_BATCH) {
                        p.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                p.executeBatch();
            }
        }
    }
}
