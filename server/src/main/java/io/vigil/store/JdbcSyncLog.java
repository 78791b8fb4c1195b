package io.vigil.store;

import io.vigil.audit.AuditField;
import io.vigil.audit.Change;
import io.vigil.sync.Sync;
import io.vigil.sync.SyncLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link SyncLog} on SQLite or PostgreSQL: reads of {@code audit_log}, {@code sync_push_cursors} and {@code sync_passes}. */
public final class JdbcSyncLog implements SyncLog {
    private static final String DECISIONS = "SELECT " + InsightRows.AUDIT_COLUMNS + ", position FROM audit_log"
            + " WHERE account_id = ? AND position > ? AND field_changed IN ('"
            + AuditField.USER_CLASSIFICATION.wireName() + "', '" + AuditField.DISMISSED.wireName() + "')"
            + " AND changed_by <> ? ORDER BY position LIMIT ?";

    private final Database database;

    public JdbcSyncLog(Database database) {
        this.database = database;
    }

    @Override
    public long pushedUpTo(String accountId, String upstream) {
        return database.first(
                        "SELECT position FROM sync_push_cursors WHERE account_id = ? AND upstream = ?",
                        rs -> rs.getLong(1),
                        accountId,
                        upstream)
                .orElse(0L);
    }

    @Override
    public Optional<String> pass(String accountId, String upstream) {
        return database.first(
                "SELECT state FROM sync_passes WHERE account_id = ? AND upstream = ?",
                rs -> rs.getString(1),
                accountId,
                upstream);
    }

    @Override
    public void keepPass(String accountId, String upstream, @Nullable String state) {
        database.inTransaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement(
                    state == null
                            ? "DELETE FROM sync_passes WHERE account_id = ? AND upstream = ?"
                            : "INSERT INTO sync_passes (account_id, upstream, state) VALUES (?, ?, ?)"
                                    + " ON CONFLICT (account_id, upstream) DO UPDATE SET state = excluded.state")) {
                p.setString(1, accountId);
                p.setString(2, upstream);
                if (state != null) {
                    p.setString(3, state);
                }
                p.executeUpdate();
            }
        });
    }

    @Override
    public void pushed(String accountId, String upstream, long position) {
        database.update(
                "INSERT INTO sync_push_cursors"
                        + " (account_id, upstream, position) VALUES (?, ?, ?) ON CONFLICT (account_id, upstream)"
                        + " DO UPDATE SET position = excluded.position",
                accountId,
                upstream,
                position);
    }

    @Override
    public List<Change> decisionsAfter(String accountId, long position, int limit) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(DECISIONS)) {
                p.setString(1, accountId);
                p.setLong(2, position);
                p.setString(3, Sync.ACTOR);
                p.setInt(4, limit);
                List<Change> changes = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        changes.add(
                                new Change(rs.getLong(InsightRows.AUDIT_COLUMN_COUNT + 1), InsightRows.auditEntry(rs)));
                    }
                }
                return changes;
            }
        });
    }

    @Override
    public @Nullable String agreed(String issueId, AuditField field, long pushedUpTo) {
        return database.read(connection -> {
                    try (PreparedStatement p = connection.prepareStatement("SELECT current_value FROM audit_log"
                            + " WHERE issue_id = ? AND field_changed = ? AND (changed_by = ? OR position <= ?)"
                            + " ORDER BY id DESC LIMIT 1")) {
                        p.setString(1, issueId);
                        p.setString(2, field.wireName());
                        p.setString(3, Sync.ACTOR);
                        p.setLong(4, pushedUpTo);
                        try (ResultSet rs = p.executeQuery()) {
                            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                        }
                    }
                })
                .orElse(null);
    }

    @Override
    public boolean takeTurn(String accountId, String holder, long nowMs, long untilMs, long everyMs) {
        return database.update(
                        "INSERT INTO sync_runs (account_id, holder,"
                                + " lease_until_ms) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET holder = excluded.holder,"
                                + " lease_until_ms = excluded.lease_until_ms WHERE sync_runs.lease_until_ms < ?"
                                + " AND (sync_runs.last_at_ms IS NULL OR sync_runs.last_at_ms <= ?)",
                        accountId,
                        holder,
                        untilMs,
                        nowMs,
                        nowMs - everyMs)
                == 1;
    }

    @Override
    public void finished(String accountId, String holder, long atMs, String result) {
        database.update(
                "UPDATE sync_runs SET lease_until_ms = 0,"
                        + " last_at_ms = ?, last_result = ? WHERE account_id = ? AND holder = ?",
                atMs,
                result,
                accountId,
                holder);
    }

    @Override
    public Optional<String> lastResult(String accountId) {
        return database.first(
                "SELECT last_result FROM sync_runs WHERE account_id = ? AND last_result IS NOT NULL",
                rs -> rs.getString(1),
                accountId);
    }
}
