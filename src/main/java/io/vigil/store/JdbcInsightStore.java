package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.UuidV7;
import io.vigil.error.ErrorCode;
import io.vigil.error.UnavailableException;
import io.vigil.insight.ClassificationOutcome;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link InsightStore} on SQLite or PostgreSQL. User changes (classification, dismissal) go through a
 * {@link GroupCommitWriter}; the classification compare-and-set is the {@code WHERE user_classification
 * IS ?} of one {@code UPDATE}, and its audit row is inserted in the same transaction only if it matched.
 * Thread-safe.
 */
public final class JdbcInsightStore implements InsightStore, AutoCloseable {
    private static final String SCOPED = " FROM insights WHERE id = ? AND %s = ?";
    /** Counting more rows than this past the nearest remembered position is a walk: one per query at a time. */
    private static final long WALK = 1_000;
    /** How long a request waits for another's walk of the same query, and how many times, before counting. */
    private static final long WALK_WAIT_MS = 5_000;

    private static final int MAX_WALK_WAITS = 3;
    /** How many times a page read across a committed change is read again. */
    private static final int CONSISTENT_ATTEMPTS = 3;
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
                since_ms = excluded.since_ms, timestamp_ms = excluded.timestamp_ms
            WHERE insights.account_id = excluded.account_id AND insights.zone_id %s excluded.zone_id""";

    private static final String INSERT_NEW = "INSERT INTO insights (" + InsightRows.INSIGHT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

    /** The writes that go through the group-commit writer. */
    private sealed interface Write {}

    private record Classify(ClassificationBatch.Decide decide) implements Write {}

    private record Dismiss(Scope scope, String issueId, boolean dismissed) implements Write {}

    private final Database database;
    private final ClassificationBatch classifications;
    private final String upsert;
    private final GroupCommitWriter<Write, ClassificationOutcome> writer;
    private final ListPositions positions = new ListPositions();
    /** Whether most lines of the last import batch were new insights (how the next batch starts). */
    private volatile boolean mostlyNew = true;

    /** A store whose audit entries are stamped by a generator of its own. */
    public JdbcInsightStore(Database database) {
        this(database, new UuidV7(Clock.systemUTC(), new SplittableRandom()));
    }

    /**
     * @param auditIds stamps each classification's audit entry when it is applied (the same generator as the
     *     service's, so all entries of one node are in one order)
     */
    public JdbcInsightStore(Database database, Supplier<UUID> auditIds) {
        this.database = database;
        this.classifications = new ClassificationBatch(database.dialect(), auditIds);
        this.upsert = UPSERT.formatted(database.dialect().nullSafeEquals());
        this.writer = new GroupCommitWriter<>(
                database, this::applyAll, "vigil-writer", database.dialect().writerThreads());
    }

    @Override
    public Optional<InsightState> find(Scope scope, String issueId) {
        String sql = "SELECT id, account_id, zone_id, user_classification" + SCOPED.formatted(Sql.scopeColumn(scope));
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
        String sql = "SELECT " + InsightRows.INSIGHT_COLUMNS + SCOPED.formatted(Sql.scopeColumn(scope));
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
        for (int waits = 0; ; waits++) {
            boolean mayWait = waits < MAX_WALK_WAITS;
            Listed listed = database.read(connection -> list(connection, scope, filter, offset, perPage, mayWait));
            InsightPage result = listed.page();
            CompletableFuture<Void> walk = listed.otherWalk();
            if (result != null || walk == null) {
                return Objects.requireNonNull(result, "page");
            }
            // Outside the read: a waiting request holds no connection.
            try {
                walk.get(WALK_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // count without waiting for it any longer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "interrupted; retry", e);
            }
        }
    }

    /** A page, or the walk of another request to wait for before asking again. */
    private record Listed(
            @Nullable InsightPage page, @Nullable CompletableFuture<Void> otherWalk) {}

    private Listed list(
            Connection connection, Scope scope, InsightFilter filter, long offset, int perPage, boolean mayWait)
            throws SQLException {
        boolean walking = false;
        try {
            for (int attempt = 1; ; attempt++) {
                long version = listVersion(connection);
                Map.Entry<Long, ListPositions.Position> start = positions.floor(scope, filter, version, offset);
                long from = start == null ? 0 : start.getKey();
                if (!walking && mayWait && offset - from > WALK) {
                    CompletableFuture<Void> other = positions.walk(scope, filter);
                    if (other != null) {
                        return new Listed(null, other);
                    }
                    walking = true;
                }
                // Read one row before the page too (when there is one past the start), to remember where it begins.
                boolean lead = offset > from;
                List<Insight> rows = rows(
                        connection,
                        scope,
                        filter,
                        start == null ? null : start.getValue(),
                        offset - from,
                        perPage,
                        lead);
                long total = total(connection, scope, filter);
                // Positions are remembered only if no change committed while the page was read (the version read
                // before and after agree): a page read across a change is read again, a few times at most.
                boolean unchanged = listVersion(connection) == version;
                if (lead && !rows.isEmpty()) {
                    Insight before = rows.remove(0);
                    if (unchanged) {
                        positions.remember(scope, filter, version, offset, ListPositions.Position.of(before));
                    }
                }
                if (unchanged && !rows.isEmpty()) {
                    positions.remember(
                            scope,
                            filter,
                            version,
                            offset + rows.size(),
                            ListPositions.Position.of(rows.get(rows.size() - 1)));
                }
                if (unchanged || attempt == CONSISTENT_ATTEMPTS) {
                    return new Listed(new InsightPage(rows, total), null);
                }
            }
        } finally {
            if (walking) {
                positions.walked(scope, filter);
            }
        }
    }

    /** Up to {@code perPage} rows (one more with {@code lead}), {@code skip} rows after {@code start}. */
    private static List<Insight> rows(
            Connection connection,
            Scope scope,
            InsightFilter filter,
            ListPositions.@Nullable Position start,
            long skip,
            int perPage,
            boolean lead)
            throws SQLException {
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
                p.setLong(next++, start.timestampMs());
                p.setLong(next++, start.timestampMs());
                p.setString(next++, start.id());
            }
            p.setInt(next++, perPage + (lead ? 1 : 0));
            p.setLong(next, skip - (lead ? 1 : 0));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(InsightRows.insight(rs));
                }
            }
        }
        return rows;
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

    /** Bumps the list version; returns the new one. */
    private static long bumpListVersion(Connection connection) throws SQLException {
        try (PreparedStatement p =
                connection.prepareStatement("UPDATE insight_list_version SET version = version + 1")) {
            p.executeUpdate();
        }
        return listVersion(connection);
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
    public ClassificationOutcome classify(
            Scope scope, String issueId, Function<InsightState, @Nullable ClassificationUpdate> decide) {
        return writer.submit(new Classify(new ClassificationBatch.Decide(scope, issueId, decide)));
    }

    @Override
    public boolean dismiss(Scope scope, String issueId, boolean dismissed) {
        return writer.submit(new Dismiss(scope, issueId, dismissed)) != ClassificationOutcome.NOT_FOUND;
    }

    /**
     * The batch body of the writer: every write of the batch, in one transaction. The classifications are
     * decided and applied together ({@link ClassificationBatch}). Dismissals touch neither the
     * classification nor the audit log, so running them after the classifications changes no result; they
     * bump the list version first, so the transaction holds it (in PostgreSQL, its row lock) while it reads
     * the rows it changes, and once committed the remembered list positions move to the new version.
     *
     * <p>Writes run in insight id order, writes to one insight in queue order: two batches committing at
     * once on PostgreSQL then lock the rows of their compare-and-sets in the same order and never deadlock
     * on them. (Dismissals, rare, may still deadlock with another batch; PostgreSQL detects it, and the
     * writer retries each write of the failed batch on its own.)
     */
    private GroupCommitWriter.Applied<ClassificationOutcome> applyAll(Connection connection, List<Write> writes)
            throws SQLException {
        GroupCommitWriter.Applied<ClassificationOutcome> applied = new GroupCommitWriter.Applied<>(writes.size());
        List<Integer> order = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> issueId(writes.get(i)))); // stable: keeps queue order per insight
        List<ClassificationBatch.Decide> decides = new ArrayList<>(writes.size());
        List<Integer> decided = new ArrayList<>(writes.size());
        for (int i : order) {
            if (writes.get(i) instanceof Classify classify) {
                decides.add(classify.decide());
                decided.add(i);
            }
        }
        if (!decides.isEmpty()) {
            classifications.apply(connection, decides, decided, applied);
        }
        if (decides.size() == writes.size()) {
            return applied;
        }
        List<ListPositions.Dismissal> dismissals = new ArrayList<>();
        long version = bumpListVersion(connection);
        String scoped = "SELECT " + InsightRows.INSIGHT_COLUMNS + SCOPED;
        try (PreparedStatement inAccount = connection.prepareStatement(scoped.formatted("account_id"));
                PreparedStatement inZone = connection.prepareStatement(scoped.formatted("zone_id"));
                PreparedStatement dismiss =
                        connection.prepareStatement("UPDATE insights SET dismissed = ? WHERE id = ?")) {
            for (int i : order) {
                if (writes.get(i) instanceof Dismiss d) {
                    PreparedStatement find = d.scope() instanceof Scope.Account ? inAccount : inZone;
                    find.setString(1, d.issueId());
                    find.setString(2, d.scope().id());
                    Insight row;
                    try (ResultSet rs = find.executeQuery()) {
                        row = rs.next() ? InsightRows.insight(rs) : null;
                    }
                    if (row == null) {
                        applied.succeed(i, ClassificationOutcome.NOT_FOUND);
                    } else if (row.dismissed() == d.dismissed()) {
                        applied.succeed(i, ClassificationOutcome.UNCHANGED);
                    } else {
                        dismiss.setInt(1, d.dismissed() ? 1 : 0);
                        dismiss.setString(2, row.id());
                        dismiss.executeUpdate();
                        dismissals.add(new ListPositions.Dismissal(row, d.dismissed()));
                        applied.succeed(i, ClassificationOutcome.CHANGED);
                    }
                }
            }
        }
        List<ListPositions.Dismissal> changes = List.copyOf(dismissals);
        applied.afterCommit(() -> positions.dismissed(version - 1, version, changes));
        return applied;
    }

    private static String issueId(Write write) {
        return switch (write) {
            case Classify classify -> classify.decide().issueId();
            case Dismiss dismiss -> dismiss.issueId();
        };
    }

    @Override
    public void upsert(List<Insight> insights, Function<StatusChange, AuditEntry> audit) {
        database.inTransaction(connection -> {
            // In id order: the primary key's pages are then visited once each, in order, instead of at random.
            List<Insight> byId = new ArrayList<>(insights);
            byId.sort(java.util.Comparator.comparing(Insight::id)); // stable: one id's lines keep their order
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
                    bumpListVersion(connection);
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
            bumpListVersion(connection);
            try (PreparedStatement cachedUpsert = connection.prepareStatement(this.upsert);
                    PreparedStatement auditRow = connection.prepareStatement(InsightRows.INSERT_AUDIT)) {
                PreparedStatement upsert = StatementCache.direct(cachedUpsert);
                // JDBC batches (PostgreSQL rewrites each into multi-row INSERTs): one call into the driver per
                // thousand rows. A batch never holds an id twice: PostgreSQL refuses to upsert a row twice in
                // one statement.
                java.util.Set<String> batched = new java.util.HashSet<>();
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
                int changes = 0;
                for (Insight i : insights) {
                    InsightStatus previous = status.put(i.id(), i.status());
                    if (previous == null) {
                        inserted.add(i);
                    } else if (previous != i.status()) {
                        InsightRows.bind(
                                auditRow,
                                audit.apply(new StatusChange(i.id(), i.accountId(), i.zoneId(), previous, i.status())));
                        auditRow.addBatch();
                        if (++changes % JDBC_BATCH == 0) {
                            auditRow.executeBatch();
                        }
                    }
                }
                if (changes % JDBC_BATCH != 0) {
                    auditRow.executeBatch();
                }
                if (BulkLoad.insertsUncounted(connection, database.dialect())) {
                    BulkLoad.countInserted(connection, inserted);
                }
            }
        });
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
