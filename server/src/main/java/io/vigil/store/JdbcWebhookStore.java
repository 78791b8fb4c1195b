package io.vigil.store;

import io.vigil.audit.Change;
import io.vigil.insight.Severity;
import io.vigil.webhook.EventKind;
import io.vigil.webhook.Subscription;
import io.vigil.webhook.WebhookStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** {@link WebhookStore} on SQLite or PostgreSQL: {@code webhook_subscriptions}, and reads of {@code audit_log}. */
public final class JdbcWebhookStore implements WebhookStore {
    private static final String COLUMNS = "id, account_id, url, zones, kinds, severities, state, position,"
            + " created_at_ms, created_by, failures, failing_since_ms, delivered, last_delivery_ms, last_error,"
            + " secret_sealed, key_id, previous_secret_sealed, previous_until_ms";

    private final Database database;

    public JdbcWebhookStore(Database database) {
        this.database = database;
    }

    @Override
    public void create(NewSubscription row) {
        Subscription s = row.subscription();
        database.inTransaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO webhook_subscriptions (id, account_id,"
                    + " url, zones, kinds, severities, state, position, created_at_ms, created_by, secret_sealed,"
                    + " key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, s.id());
                p.setString(2, s.accountId());
                p.setString(3, s.url());
                p.setString(4, joined(s.zones()));
                p.setString(
                        5, joined(s.kinds().stream().map(EventKind::wireName).toList()));
                p.setString(
                        6,
                        joined(s.severities().stream().map(Severity::wireName).toList()));
                p.setString(7, s.state().wireName());
                p.setLong(8, s.position());
                p.setLong(9, s.createdAt().toEpochMilli());
                p.setString(10, s.createdBy());
                p.setString(11, row.sealedSecret());
                p.setString(12, row.keyId());
                p.executeUpdate();
            }
        });
    }

    @Override
    public List<Subscription> list(String accountId) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM webhook_subscriptions WHERE account_id = ? ORDER BY created_at_ms, id")) {
                p.setString(1, accountId);
                List<Subscription> found = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        found.add(subscription(rs));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public Optional<Subscription> find(String accountId, String id) {
        return database.first(
                "SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE account_id = ? AND id = ?",
                rs -> subscription(rs),
                accountId,
                id);
    }

    @Override
    public boolean remove(String accountId, String id) {
        return update("DELETE FROM webhook_subscriptions WHERE account_id = ? AND id = ?", accountId, id);
    }

    @Override
    public boolean setState(String accountId, String id, Subscription.State state) {
        if (state == Subscription.State.PAUSED) {
            return update(
                    "UPDATE webhook_subscriptions SET state = 'paused' WHERE account_id = ? AND id = ?", accountId, id);
        }
        return update(
                "UPDATE webhook_subscriptions SET state = 'active', failures = 0, failing_since_ms = NULL,"
                        + " next_attempt_ms = 0 WHERE account_id = ? AND id = ?",
                accountId,
                id);
    }

    @Override
    public boolean rewind(String accountId, String id, long position) {
        return database.update(
                        "UPDATE webhook_subscriptions SET position ="
                                + " CASE WHEN position > ? THEN ? ELSE position END WHERE account_id = ? AND id = ?",
                        position,
                        position,
                        accountId,
                        id)
                == 1;
    }

    @Override
    public Set<String> keyIds() {
        return database.read(connection -> {
            try (PreparedStatement p =
                            connection.prepareStatement("SELECT DISTINCT key_id FROM webhook_subscriptions");
                    ResultSet rs = p.executeQuery()) {
                Set<String> ids = new TreeSet<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        });
    }

    @Override
    public long sealedPosition() {
        return database.read(EntryAppender::lastPosition);
    }

    @Override
    public long positionBefore(String accountId, Instant since) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT MIN(position) FROM audit_log"
                    + " WHERE account_id = ? AND changed_at_ms >= ? AND position IS NOT NULL")) {
                p.setString(1, accountId);
                p.setLong(2, since.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    long first = rs.next() ? rs.getLong(1) : 0L;
                    return first == 0 ? Long.MAX_VALUE : first - 1; // nothing since: nothing to send again
                }
            }
        });
    }

    @Override
    public List<Delivery> due(long nowMs) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM webhook_subscriptions WHERE state <> 'paused' AND next_attempt_ms <= ?")) {
                p.setLong(1, nowMs);
                List<Delivery> due = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Delivery(
                                subscription(rs),
                                rs.getString(16),
                                rs.getString(17),
                                rs.getString(18),
                                rs.getLong(19)));
                    }
                }
                return due;
            }
        });
    }

    @Override
    public List<Delivery> listening() {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(
                            "SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE state <> 'paused'");
                    ResultSet rs = p.executeQuery()) {
                List<Delivery> listening = new ArrayList<>();
                while (rs.next()) {
                    listening.add(new Delivery(
                            subscription(rs), rs.getString(16), rs.getString(17), rs.getString(18), rs.getLong(19)));
                }
                return listening;
            }
        });
    }

    @Override
    public boolean lease(String id, String holder, long nowMs, long untilMs) {
        return database.update(
                        "UPDATE webhook_subscriptions SET holder = ?,"
                                + " lease_until_ms = ? WHERE id = ? AND state <> 'paused' AND (holder = ? OR lease_until_ms < ?)",
                        holder,
                        untilMs,
                        id,
                        holder,
                        nowMs)
                == 1;
    }

    @Override
    public boolean rotate(String accountId, String id, String keyId, String sealedSecret, long previousUntilMs) {
        return database.update(
                        "UPDATE webhook_subscriptions SET"
                                + " previous_secret_sealed = secret_sealed, previous_until_ms = ?, secret_sealed = ?"
                                + " WHERE account_id = ? AND id = ? AND key_id = ?",
                        previousUntilMs,
                        sealedSecret,
                        accountId,
                        id,
                        keyId)
                == 1;
    }

    @Override
    public void releaseLeases(String holder) {
        database.update("UPDATE webhook_subscriptions SET lease_until_ms = 0 WHERE holder = ?", holder);
    }

    @Override
    public List<Change> after(String accountId, long position, int limit) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT " + InsightRows.AUDIT_COLUMNS
                    + ", position, bulk_id FROM audit_log WHERE account_id = ? AND position > ? ORDER BY position"
                    + " LIMIT ?")) {
                p.setString(1, accountId);
                p.setLong(2, position);
                p.setInt(3, limit);
                List<Change> changes = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String bulkId = rs.getString(InsightRows.AUDIT_COLUMN_COUNT + 2);
                        changes.add(new Change(
                                rs.getLong(InsightRows.AUDIT_COLUMN_COUNT + 1),
                                InsightRows.auditEntry(rs),
                                bulkId == null ? null : UUID.fromString(bulkId)));
                    }
                }
                return changes;
            }
        });
    }

    @Override
    public boolean delivered(
            String id, String holder, long from, long position, int delivered, boolean progressed, long atMs) {
        return database.update(
                        "UPDATE webhook_subscriptions SET position = ?,"
                                + " delivered = delivered + ?, last_delivery_ms = CASE WHEN ? THEN ? ELSE last_delivery_ms END,"
                                + " failures = CASE WHEN ? THEN 0 ELSE failures END,"
                                + " failing_since_ms = CASE WHEN ? THEN NULL ELSE failing_since_ms END,"
                                + " state = CASE WHEN ? AND state = 'failing' THEN 'active' ELSE state END"
                                + " WHERE id = ? AND holder = ? AND position = ?",
                        position,
                        delivered,
                        progressed,
                        atMs,
                        progressed,
                        progressed,
                        progressed,
                        id,
                        holder,
                        from)
                == 1;
    }

    @Override
    public void failed(String id, String holder, long atMs, long nextAttemptMs, String error, long failingAfterMs) {
        database.update(
                "UPDATE webhook_subscriptions SET failures ="
                        + " failures + 1, failing_since_ms = COALESCE(failing_since_ms, ?), next_attempt_ms = ?,"
                        + " last_error = ?, state = CASE WHEN state = 'active' AND ? - COALESCE(failing_since_ms, ?) >= ?"
                        + " THEN 'failing' ELSE state END WHERE id = ? AND holder = ?",
                atMs,
                nextAttemptMs,
                error.length() > 500 ? error.substring(0, 500) : error,
                atMs,
                atMs,
                failingAfterMs,
                id,
                holder);
    }

    /** How many sealed entries wait behind the cursors of subscriptions that are not paused: the backlog gauge. */
    public long backlog() {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT COUNT(*) FROM webhook_subscriptions s"
                            + " JOIN audit_log a ON a.account_id = s.account_id AND a.position > s.position"
                            + " WHERE s.state <> 'paused'");
                    ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private boolean update(String sql, String accountId, String id) {
        return database.transaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                p.setString(1, accountId);
                p.setString(2, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        return new Subscription(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                split(rs.getString(4)),
                split(rs.getString(5)).stream()
                        .map(k -> EventKind.fromWireName(k).orElseThrow())
                        .collect(Collectors.toSet()),
                split(rs.getString(6)).stream()
                        .map(v -> Severity.parse(v).orElseThrow())
                        .collect(Collectors.toSet()),
                Subscription.State.fromWireName(rs.getString(7)),
                rs.getLong(8),
                Instant.ofEpochMilli(rs.getLong(9)),
                rs.getString(10),
                rs.getInt(11),
                instant(rs, 12),
                rs.getLong(13),
                instant(rs, 14),
                rs.getString(15));
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static String joined(Collection<String> values) {
        return String.join(",", new TreeSet<>(values));
    }

    private static Set<String> split(String joined) {
        return joined.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(joined.split(",")));
    }
}
