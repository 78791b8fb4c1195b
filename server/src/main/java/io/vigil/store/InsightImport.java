package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.StatusChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Imports of insights from the scanner: one batch of lines upserted in one transaction, with an audit entry
 * for every status it changes, beside {@link BulkLoad} (which may have dropped the indexes and triggers the
 * batch would otherwise go through). Accounts and zones are created on first sight; an insight never moves
 * to another account or zone. One import at a time per store.
 */
final class InsightImport {
    /** Rows per JDBC batch of an import. */
    private static final int JDBC_BATCH = 1_000;

    private static final String UPSERT = "INSERT INTO insights (" + InsightRows.INSIGHT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + """
             ON CONFLICT (id) DO UPDATE SET
                issue_class = excluded.issue_class, issue_type = excluded.issue_type,
                severity = excluded.severity, subject = excluded.subject, status = excluded.status,
                payload = excluded.payload, context = excluded.context, product = excluded.product,
                resolve_link = excluded.resolve_link, resolve_text = excluded.resolve_text,
                since_ms = %s, timestamp_ms = excluded.timestamp_ms
            WHERE insights.account_id = excluded.account_id AND insights.zone_id %s excluded.zone_id""";

    private static final String INSERT_NEW = "INSERT INTO insights (" + InsightRows.INSIGHT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

    private final Database database;
    private final String upsert;
    /** Whether most lines of the last import batch were new insights (how the next batch starts). */
    private volatile boolean mostlyNew = true;

    InsightImport(Database database) {
        this.database = database;
        // An insight was first seen at the earliest time any report gives: a line that leaves out "since" (read
        // as now) or gives a later one, as every rescan of a scanner that prints no times does, never moves it.
        this.upsert = UPSERT.formatted(
                database.dialect().least("insights.since_ms", "excluded.since_ms"),
                database.dialect().nullSafeEquals());
    }

    void upsert(List<Insight> insights, Function<StatusChange, AuditEntry> audit) {
        database.inTransaction(connection -> upsert(connection, insights, audit));
    }

    /**
     * The import's statements, in a transaction the caller holds: the list version's lock first (unless the caller
     * took it), the change-log entries last.
     */
    void upsert(Connection connection, List<Insight> insights, Function<StatusChange, AuditEntry> audit)
            throws SQLException {
        // In id order: the primary key's pages are then visited once each, in order, instead of at random.
        List<Insight> byId = new ArrayList<>(insights);
        byId.sort(Comparator.comparing(Insight::id)); // stable: one id's lines keep their order
        Map<String, Stored> before;
        List<Insight> updates;
        if (database.dialect().countsBatchedRows() && mostlyNew) {
            // Insert first: a new row then costs one primary-key probe, not two, and only the lines whose id
            // was taken look up what is stored; chosen while the previous batch was mostly new rows (a
            // re-scan of stored insights would try every insert in vain). PostgreSQL's rewritten batches
            // report no per-row counts.
            ensureAccountsAndZones(connection, insights);
            updates = new ArrayList<>();
            List<Insight> storedBefore = new ArrayList<>();
            insertNew(connection, byId, updates, storedBefore);
            if (updates.isEmpty()) { // every line a new id, once: no update, no status change to record
                ListVersion.bump(connection);
                if (BulkLoad.insertsUncounted(connection, database.dialect())) {
                    BulkLoad.countInserted(connection, insights);
                }
                return;
            }
            before = stored(connection, storedBefore);
            refuseMoves(insights, before);
        } else {
            before = stored(connection, byId);
            refuseMoves(insights, before);
            ensureAccountsAndZones(connection, insights);
            updates = byId;
        }
        mostlyNew = before.size() * 2 < insights.size();
        ListVersion.bump(connection);
        EntryAppender log = new EntryAppender(database.dialect());
        try (PreparedStatement cachedUpsert = connection.prepareStatement(this.upsert)) {
            PreparedStatement upsert = StatementCache.direct(cachedUpsert);
            // JDBC batches (PostgreSQL rewrites each into multi-row INSERTs): one call into the driver per
            // thousand rows. A batch never holds an id twice: PostgreSQL refuses to upsert a row twice in
            // one statement.
            Set<String> batched = new HashSet<>();
            List<Insight> pending = new ArrayList<>(JDBC_BATCH);
            for (Insight i : updates) {
                if (pending.size() == JDBC_BATCH || !batched.add(i.id())) {
                    executeUpserts(upsert, pending);
                    batched.clear();
                    batched.add(i.id());
                }
                InsightRows.bind(upsert, i);
                upsert.addBatch();
                pending.add(i);
            }
            executeUpserts(upsert, pending);
            // Each line is compared with the status before it, stored or earlier in the batch: the same
            // entries whatever the batch size.
            Map<String, InsightStatus> status = new HashMap<>();
            before.forEach((id, stored) -> status.put(id, stored.status()));
            List<Insight> inserted = new ArrayList<>();
            for (Insight i : insights) {
                InsightStatus previous = status.put(i.id(), i.status());
                if (previous == null) {
                    inserted.add(i);
                } else if (previous != i.status()) {
                    log.add(audit.apply(new StatusChange(i.id(), i.accountId(), i.zoneId(), previous, i.status())));
                }
            }
            if (BulkLoad.insertsUncounted(connection, database.dialect())) {
                BulkLoad.countInserted(connection, inserted);
            }
        }
        log.write(connection);
    }

    /**
     * Inserts the lines (in id order) whose id is not stored yet, in JDBC batches; adds every other line to
     * {@code updates} and, of those, the ones whose id was stored before this batch to {@code storedBefore}
     * (the others repeat an id inserted just now: its lines are adjacent in id order, the first inserted).
     */
    private static void insertNew(
            Connection connection, List<Insight> byId, List<Insight> updates, List<Insight> storedBefore)
            throws SQLException {
        try (PreparedStatement cached = connection.prepareStatement(INSERT_NEW)) {
            PreparedStatement insert = StatementCache.direct(cached);
            @Nullable String lastInserted = null;
            for (int from = 0; from < byId.size(); from += JDBC_BATCH) {
                List<Insight> chunk = byId.subList(from, Math.min(byId.size(), from + JDBC_BATCH));
                for (Insight i : chunk) {
                    InsightRows.bind(insert, i);
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                for (int k = 0; k < chunk.size(); k++) {
                    Insight line = chunk.get(k);
                    if (counts[k] == 1) {
                        lastInserted = line.id();
                    } else {
                        updates.add(line);
                        if (!line.id().equals(lastInserted)) {
                            storedBefore.add(line);
                        }
                    }
                }
            }
        }
    }

    /** Runs the batched upserts of {@code pending}, then empties it. */
    private static void executeUpserts(PreparedStatement upsert, List<Insight> pending) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        int[] counts = upsert.executeBatch();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) { // the upsert's own guard; PostgreSQL's rewritten batches report no counts
                throw moves(pending.get(k));
            }
        }
        pending.clear();
    }

    /** An insight never moves to another account or zone, from the database or from earlier in the batch. */
    private static void refuseMoves(List<Insight> insights, Map<String, Stored> before) {
        Map<String, Stored> seen = new HashMap<>(before);
        for (Insight i : insights) {
            Stored first = seen.putIfAbsent(i.id(), new Stored(i.status(), i.accountId(), i.zoneId()));
            if (first != null
                    && (!first.accountId().equals(i.accountId()) || !Objects.equals(first.zoneId(), i.zoneId()))) {
                throw moves(i);
            }
        }
    }

    private static IllegalArgumentException moves(Insight insight) {
        return new IllegalArgumentException(
                "insight '" + insight.id() + "' already exists in another account or zone; it cannot move");
    }

    /** Creates the batch's accounts and zones on first sight; a zone never changes account. */
    private static void ensureAccountsAndZones(Connection connection, List<Insight> insights) throws SQLException {
        Map<String, String> zones = new HashMap<>();
        Set<String> accounts = new HashSet<>();
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

    /** What an import needs of an insight already stored. */
    private record Stored(
            InsightStatus status,
            String accountId,
            @Nullable String zoneId) {}

    /** Those of {@code insights} that already exist, in one query per 500. */
    private static Map<String, Stored> stored(Connection connection, List<Insight> insights) throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        for (int from = 0; from < insights.size(); from += 500) {
            List<Insight> chunk = insights.subList(from, Math.min(insights.size(), from + 500));
            String sql = "SELECT id, status, account_id, zone_id FROM insights WHERE id IN ("
                    + Sql.placeholders(chunk.size()) + ")";
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    p.setString(i + 1, chunk.get(i).id());
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        stored.put(
                                rs.getString(1),
                                new Stored(
                                        InsightStatus.fromWireName(rs.getString(2))
                                                .orElseThrow(),
                                        rs.getString(3),
                                        rs.getString(4)));
                    }
                }
            }
        }
        return stored;
    }
}
