package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightState;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import io.vigil.seal.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Maps insights and audit entries to and from rows: the one place that knows the column order. */
final class InsightRows {
    static final String INSIGHT_COLUMNS = "id, account_id, zone_id, issue_class, issue_type, severity, subject, status,"
            + " dismissed, payload, context, product, resolve_link, resolve_text, since_ms, timestamp_ms,"
            + " user_classification";
    /** What reads select of an insight: {@link #INSIGHT_COLUMNS}, then when its classification expires. */
    static final String SELECTED_COLUMNS = INSIGHT_COLUMNS + ", classification_expires_ms";
    /** What the classification rules read of an insight ({@link #state}). */
    static final String STATE_COLUMNS = "id, account_id, zone_id, user_classification, classification_expires_ms";

    static final String AUDIT_COLUMNS = "id, issue_id, account_id, zone_id, field_changed, previous_value,"
            + " current_value, rationale, changed_by, changed_at_ms";
    static final int AUDIT_COLUMN_COUNT = 10;

    private InsightRows() {}

    static void bind(PreparedStatement p, Insight i) throws SQLException {
        p.setString(1, i.id());
        p.setString(2, i.accountId());
        setNullable(p, 3, i.zoneId());
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

    /** Reads the state of an insight from a row selected with {@link #STATE_COLUMNS}. */
    static InsightState state(ResultSet rs) throws SQLException {
        return new InsightState(
                rs.getString(1), rs.getString(2), rs.getString(3), classification(rs.getString(4)), instant(rs, 5));
    }

    /** The time in milliseconds at {@code column}, or null. */
    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    /** Reads an insight from a row selected with {@link #SELECTED_COLUMNS}. */
    static Insight insight(ResultSet rs) throws SQLException {
        return insight(rs, 1);
    }

    /** Reads an insight whose {@link #SELECTED_COLUMNS} start at column {@code first}. */
    static Insight insight(ResultSet rs, int first) throws SQLException {
        int c = first - 1;
        return Insight.builder()
                .id(rs.getString(c + 1))
                .accountId(rs.getString(c + 2))
                .zoneId(rs.getString(c + 3))
                .issueClass(rs.getString(c + 4))
                .issueType(IssueType.fromWireName(rs.getString(c + 5)).orElseThrow())
                .severity(Severity.parse(rs.getString(c + 6)).orElseThrow())
                .subject(rs.getString(c + 7))
                .status(InsightStatus.fromWireName(rs.getString(c + 8)).orElseThrow())
                .dismissed(rs.getInt(c + 9) == 1)
                .payloadJson(rs.getString(c + 10))
                .contextJson(rs.getString(c + 11))
                .product(rs.getString(c + 12))
                .resolveLink(rs.getString(c + 13))
                .resolveText(rs.getString(c + 14))
                .since(Instant.ofEpochMilli(rs.getLong(c + 15)))
                .timestamp(Instant.ofEpochMilli(rs.getLong(c + 16)))
                .userClassification(classification(rs.getString(c + 17)))
                .classificationExpiresOn(instant(rs, c + 18))
                .build();
    }

    static void bind(PreparedStatement p, AuditEntry e) throws SQLException {
        p.setString(1, e.id().toString());
        p.setString(2, e.issueId());
        p.setString(3, e.accountId());
        setNullable(p, 4, e.zoneId());
        p.setString(5, e.fieldChanged().wireName());
        setNullable(p, 6, e.previousValue());
        setNullable(p, 7, e.currentValue());
        setNullable(p, 8, e.rationale());
        p.setString(9, e.changedBy());
        p.setLong(10, e.changedAt().toEpochMilli());
    }

    /** Reads an audit entry from a row selected with {@link #AUDIT_COLUMNS}. */
    static AuditEntry auditEntry(ResultSet rs) throws SQLException {
        return new AuditEntry(
                UUID.fromString(rs.getString(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                AuditField.fromWireName(rs.getString(5)),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                Instant.ofEpochMilli(rs.getLong(10)));
    }

    /**
     * Reads an audit entry as stored, at {@code position}, from a row selected with {@link #AUDIT_COLUMNS} then its
     * leaf hash: the text as its UTF-8 bytes (both drivers give a text column's bytes as such), nothing parsed but
     * the changed field.
     */
    static StoredEntry storedEntry(ResultSet rs, @Nullable Long position) throws SQLException {
        return new StoredEntry(
                position,
                rs.getBytes(AUDIT_COLUMN_COUNT + 1),
                rs.getBytes(1),
                rs.getBytes(2),
                rs.getBytes(3),
                rs.getBytes(4),
                AuditField.fromWireName(new String(rs.getBytes(5), StandardCharsets.UTF_8)),
                rs.getBytes(6),
                rs.getBytes(7),
                rs.getBytes(8),
                rs.getBytes(9),
                rs.getLong(10));
    }

    static @Nullable Classification classification(@Nullable String wireName) {
        return wireName == null ? null : Classification.fromWireName(wireName).orElseThrow();
    }

    static @Nullable String wireName(@Nullable Classification classification) {
        return classification == null ? null : classification.wireName();
    }

    static void setNullable(PreparedStatement p, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.VARCHAR);
        } else {
            p.setString(index, value);
        }
    }
}
