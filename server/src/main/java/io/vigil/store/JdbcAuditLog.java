package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.AuditLog;
import io.vigil.audit.AuditPage;
import io.vigil.audit.AuditQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link AuditLog} on SQLite or PostgreSQL: keyset pagination on the UUIDv7 id, so page 10,000 costs what page 1 costs
 * and entries inserted while a client pages are never returned twice. Thread-safe.
 */
public final class JdbcAuditLog implements AuditLog {
    /**
     * Read beside each entry: its zone's number, its actor's name and its bulk's id, each null when there is
     * none.
     */
    private static final String LOOKUPS = "(SELECT number FROM zones WHERE zones.id = audit_log.zone_id),"
            + " (SELECT name FROM actor_names WHERE actor_names.actor = audit_log.changed_by), bulk_id";

    /** Cloudflare's view shows only the fields its {@code field_changed} names. */
    private static final String CLOUDFLARE_FIELDS = Arrays.stream(AuditField.values())
            .filter(AuditField::inCloudflareView)
            .map(f -> "'" + f.wireName() + "'")
            .collect(Collectors.joining(", ", " AND field_changed IN (", ")"));

    private final Database database;

    public JdbcAuditLog(Database database) {
        this.database = database;
    }

    @Override
    public AuditPage list(AuditQuery query) {
        StringBuilder sql =
                new StringBuilder("SELECT " + InsightRows.AUDIT_COLUMNS + ", " + LOOKUPS + " FROM audit_log WHERE ");
        List<Object> params = new ArrayList<>();
        sql.append(Sql.scopeColumn(query.scope())).append(" = ?");
        params.add(query.scope().id());
        boolean ascending = query.order() == AuditQuery.Order.ASC;
        if (query.issueId() != null) {
            sql.append(" AND issue_id = ?");
            params.add(query.issueId());
        }
        if (query.since() != null) { // ids start with their millisecond: a range on the index, then exact
            sql.append(" AND id >= ? AND changed_at_ms >= ?");
            params.add(idPrefix(query.since().toEpochMilli()));
            params.add(query.since().toEpochMilli());
        }
        if (query.before() != null) {
            sql.append(" AND changed_at_ms < ?");
            params.add(query.before().toEpochMilli());
        }
        if (query.changedBy() != null) {
            sql.append(" AND changed_by = ?");
            params.add(query.changedBy());
        }
        if (query.fieldChanged() != null) {
            sql.append(" AND field_changed = ?");
            params.add(query.fieldChanged().wireName());
        } else {
            sql.append(CLOUDFLARE_FIELDS);
        }
        if (query.after() != null) {
            sql.append(ascending ? " AND id > ?" : " AND id < ?");
            params.add(query.after().toString());
        }
        sql.append(" ORDER BY id ").append(ascending ? "ASC" : "DESC").append(" LIMIT ?");
        params.add(query.limit() + 1);
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    p.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    List<AuditPage.Item> items = new ArrayList<>(query.limit() + 1);
                    while (rs.next()) {
                        items.add(item(rs));
                    }
                    boolean hasMore = items.size() > query.limit();
                    return new AuditPage(hasMore ? items.subList(0, query.limit()) : items, hasMore);
                }
            }
        });
    }

    /**
     * Every entry of every scope and field (dismissals and expiries too), in position (commit) order: what test
     * mode's change-log helpers read. The whole log at once: for the small logs of tests.
     */
    public List<AuditPage.Item> everyEntry() {
        String sql = "SELECT " + InsightRows.AUDIT_COLUMNS + ", " + LOOKUPS + " FROM audit_log ORDER BY position, id";
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql);
                    ResultSet rs = p.executeQuery()) {
                List<AuditPage.Item> items = new ArrayList<>();
                while (rs.next()) {
                    items.add(item(rs));
                }
                return items;
            }
        });
    }

    private static AuditPage.Item item(ResultSet rs) throws SQLException {
        AuditEntry entry = InsightRows.auditEntry(rs);
        int first = InsightRows.AUDIT_COLUMN_COUNT + 1;
        long number = rs.getLong(first);
        Long zoneNumber = rs.wasNull() ? null : number;
        String name = rs.getString(first + 1);
        String bulkId = rs.getString(first + 2);
        return new AuditPage.Item(
                entry,
                zoneNumber,
                name == null ? entry.changedBy() : name,
                bulkId == null ? null : UUID.fromString(bulkId));
    }

    /** The text every UUIDv7 id of millisecond {@code millis} starts with. */
    static String idPrefix(long millis) {
        String hex = String.format("%012x", millis);
        return hex.substring(0, 8) + "-" + hex.substring(8);
    }
}
