package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationUpdate;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightState;
import io.vigil.insight.InsightStore;
import io.vigil.insight.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link InsightStore} on SQLite. Classification changes go through a {@link GroupCommitWriter}: the
 * compare-and-set is the {@code WHERE user_classification IS ?} of one {@code UPDATE}, and the audit row
 * is inserted in the same transaction only for updates that matched. Thread-safe.
 */
public final class SqliteInsightStore implements InsightStore, AutoCloseable {
    private static final String FIND_IN_ACCOUNT =
            "SELECT id, account_id, zone_id, user_classification FROM insights WHERE id = ? AND account_id = ?";
    private static final String FIND_IN_ZONE =
            "SELECT id, account_id, zone_id, user_classification FROM insights WHERE id = ? AND zone_id = ?";
    private static final String COMPARE_AND_SET =
            "UPDATE insights SET user_classification = ? WHERE id = ? AND user_classification IS ?";
    private static final String INSERT_AUDIT = """
            INSERT INTO audit_log (id, issue_id, account_id, zone_id, field_changed, previous_value,
                                   current_value, rationale, changed_by, changed_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String AUDIT_TRAIL = """
            SELECT id, issue_id, account_id, zone_id, field_changed, previous_value, current_value,
                   rationale, changed_by, changed_at_ms
            FROM audit_log WHERE issue_id = ? ORDER BY id""";
    private static final String UPSERT = """
            INSERT INTO insights (id, account_id, zone_id, issue_class, issue_type, severity, subject, status,
                                  dismissed, payload, context, product, resolve_link, resolve_text, since_ms,
                                  timestamp_ms, user_classification)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                issue_class = excluded.issue_class, issue_type = excluded.issue_type,
                severity = excluded.severity, subject = excluded.subject, status = excluded.status,
                payload = excluded.payload, context = excluded.context, product = excluded.product,
                resolve_link = excluded.resolve_link, resolve_text = excluded.resolve_text,
                since_ms = excluded.since_ms, timestamp_ms = excluded.timestamp_ms
            WHERE insights.account_id = excluded.account_id AND insights.zone_id IS excluded.zone_id""";

    private final Database database;
    private final GroupCommitWriter<ClassificationUpdate> writer;

    public SqliteInsightStore(Database database) {
        this.database = database;
        this.writer = new GroupCommitWriter<>(database, SqliteInsightStore::applyAll, "vigil-writer");
    }

    @Override
    public Optional<InsightState> find(Scope scope, String issueId) {
        String sql = switch (scope) {
            case Scope.Account account -> FIND_IN_ACCOUNT;
            case Scope.Zone zone -> FIND_IN_ZONE;
        };
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                p.setString(1, issueId);
                p.setString(2, scope.id());
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String classification = rs.getString(4);
                    return Optional.of(new InsightState(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            classification == null
                                    ? null
                                    : Classification.fromWireName(classification)
                                            .orElseThrow()));
                }
            }
        });
    }

    @Override
    public boolean apply(ClassificationUpdate update) {
        return writer.submit(update);
    }

    /** The batch body of the writer: compare-and-set every update, then audit those that matched. */
    private static boolean[] applyAll(Connection connection, List<ClassificationUpdate> updates) throws SQLException {
        int[] counts;
        try (PreparedStatement cas = connection.prepareStatement(COMPARE_AND_SET)) {
            for (ClassificationUpdate update : updates) {
                cas.setString(1, wireName(update.next()));
                cas.setString(2, update.issueId());
                cas.setString(3, wireName(update.expected()));
                cas.addBatch();
            }
            counts = cas.executeBatch();
        }
        boolean[] applied = new boolean[updates.size()];
        try (PreparedStatement audit = connection.prepareStatement(INSERT_AUDIT)) {
            for (int i = 0; i < updates.size(); i++) {
                if (counts[i] == 1) {
                    applied[i] = true;
                    bindAudit(audit, updates.get(i).audit());
                    audit.addBatch();
                } else if (counts[i] != 0) {
                    throw new IllegalStateException("compare-and-set of one insight changed " + counts[i] + " rows");
                }
            }
            audit.executeBatch();
        }
        return applied;
    }

    private static void bindAudit(PreparedStatement p, AuditEntry e) throws SQLException {
        p.setString(1, e.id().toString());
        p.setString(2, e.issueId());
        p.setString(3, e.accountId());
        p.setString(4, e.zoneId());
        p.setString(5, e.fieldChanged().wireName());
        p.setString(6, e.previousValue());
        p.setString(7, e.currentValue());
        p.setString(8, e.rationale());
        p.setString(9, e.changedBy());
        p.setLong(10, e.changedAt().toEpochMilli());
    }

    @Override
    public void upsert(List<Insight> insights) {
        database.inTransaction(connection -> {
            try (PreparedStatement account =
                            connection.prepareStatement("INSERT INTO accounts (id) VALUES (?) ON CONFLICT DO NOTHING");
                    PreparedStatement zone = connection.prepareStatement(
                            "INSERT INTO zones (id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
                    PreparedStatement insight = connection.prepareStatement(UPSERT)) {
                for (Insight i : insights) {
                    account.setString(1, i.accountId());
                    account.addBatch();
                    if (i.zoneId() != null) {
                        zone.setString(1, i.zoneId());
                        zone.setString(2, i.accountId());
                        zone.addBatch();
                    }
                    bindInsight(insight, i);
                    insight.addBatch();
                }
                account.executeBatch();
                zone.executeBatch();
                int[] counts = insight.executeBatch();
                for (int n = 0; n < counts.length; n++) {
                    if (counts[n] == 0) {
                        Insight refused = insights.get(n);
                        throw new IllegalArgumentException("insight '" + refused.id()
                                + "' already exists in another account or zone; it cannot move");
                    }
                }
                checkZonesBelongToTheirAccounts(connection, insights);
            }
        });
    }

    private static void checkZonesBelongToTheirAccounts(Connection connection, List<Insight> insights)
            throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT account_id FROM zones WHERE id = ?")) {
            for (Insight i : insights) {
                if (i.zoneId() == null) {
                    continue;
                }
                p.setString(1, i.zoneId());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (!rs.getString(1).equals(i.accountId())) {
                        throw new IllegalArgumentException("zone '" + i.zoneId() + "' belongs to account '"
                                + rs.getString(1) + "', not '" + i.accountId() + "'");
                    }
                }
            }
        }
    }

    private static void bindInsight(PreparedStatement p, Insight i) throws SQLException {
        p.setString(1, i.id());
        p.setString(2, i.accountId());
        p.setString(3, i.zoneId());
        p.setString(4, i.issueClass());
        p.setString(5, i.issueType().wireName());
        p.setString(6, i.severity().wireName());
        p.setString(7, i.subject());
        p.setString(8, i.status().wireName());
        p.setInt(9, i.dismissed() ? 1 : 0);
        p.setString(10, i.payloadJson());
        setNullable(p, 11, i.contextJson());
        setNullable(p, 12, i.product());
        p.setString(13, i.resolveLink());
        p.setString(14, i.resolveText());
        p.setLong(15, i.since().toEpochMilli());
        p.setLong(16, i.timestamp().toEpochMilli());
        setNullable(p, 17, wireName(i.userClassification()));
    }

    private static void setNullable(PreparedStatement p, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.VARCHAR);
        } else {
            p.setString(index, value);
        }
    }

    @Override
    public List<AuditEntry> auditTrail(String issueId) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(AUDIT_TRAIL)) {
                p.setString(1, issueId);
                try (ResultSet rs = p.executeQuery()) {
                    List<AuditEntry> entries = new ArrayList<>();
                    while (rs.next()) {
                        entries.add(new AuditEntry(
                                UUID.fromString(rs.getString(1)),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                AuditField.fromWireName(rs.getString(5)),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9),
                                Instant.ofEpochMilli(rs.getLong(10))));
                    }
                    return entries;
                }
            }
        });
    }

    private static @Nullable String wireName(@Nullable Classification classification) {
        return classification == null ? null : classification.wireName();
    }

    /** Commits every queued write, then stops the writer. The database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
