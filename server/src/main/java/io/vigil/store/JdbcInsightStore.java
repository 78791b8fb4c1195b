package io.vigil.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vigil.bulk.BulkOutcome;
import io.vigil.bulk.BulkStore;
import io.vigil.insight.ClassificationOutcome;
import io.vigil.insight.ClassificationUpdate;
import io.vigil.insight.Count;
import io.vigil.insight.CountField;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightIds;
import io.vigil.insight.InsightPage;
import io.vigil.insight.InsightState;
import io.vigil.insight.InsightStore;
import io.vigil.scan.ScanReport;
import io.vigil.scan.ScanReports;
import io.vigil.tenant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link InsightStore} on SQLite or PostgreSQL: single reads here; lists and counts in {@link InsightLists};
 * imports in {@link InsightImport}, a scan's in {@link ScanImport}. User changes go through one {@link GroupCommitWriter}, whose batches
 * apply classifications ({@link ClassificationBatch}: a compare-and-set and its audit row in one
 * transaction) and dismissals ({@link DismissalBatch}). Thread-safe.
 */
public final class JdbcInsightStore implements InsightStore, BulkStore, ScanReports, AutoCloseable {
    private static final String SCOPED = " FROM insights WHERE id = ? AND %s = ?";
    private static final int GET_ALL_SLICE = 500;
    /** The writes that go through the group-commit writer. */
    private sealed interface Write {}

    private record Classify(ClassificationBatch.Decide decide) implements Write {}

    private record Dismiss(DismissalBatch.Dismiss dismiss) implements Write {}

    private final Database database;
    private final ClassificationBatch classifications;
    private final DismissalBatch dismissals;
    private final BulkClassification bulk;
    private final BulkDismissal bulkDismissals;
    private final InsightLists lists;
    private final InsightImport imports;
    private final ScanImport scans;
    private final GroupCommitWriter<Write, ClassificationOutcome> writer;
    private final Supplier<UUID> auditIds;

    /**
     * @param auditIds stamps every change-log entry when its change is applied (classifications, dismissals
     *     and the status changes of imports), so all entries of one node are in one order
     */
    public JdbcInsightStore(Database database, Supplier<UUID> auditIds) {
        this(database, auditIds, new CompositeMeterRegistry());
    }

    /**
     * @param auditIds as above
     * @param meters where the group-commit writer's meters go (batch sizes, commit time, queue depth)
     */
    public JdbcInsightStore(Database database, Supplier<UUID> auditIds, MeterRegistry meters) {
        this.database = database;
        this.auditIds = auditIds;
        this.classifications = new ClassificationBatch(database.dialect(), auditIds);
        ListPositions positions = new ListPositions();
        this.dismissals = new DismissalBatch(positions, auditIds);
        this.bulk = new BulkClassification(database, auditIds);
        this.bulkDismissals = new BulkDismissal(database, positions, auditIds);
        this.lists = new InsightLists(database, positions);
        this.imports = new InsightImport(database);
        this.scans = new ScanImport(database, imports);
        this.writer = new GroupCommitWriter<>(
                database, this::applyAll, "vigil-writer", database.dialect().writerThreads(), meters);
    }

    @Override
    public Optional<InsightState> find(Scope scope, String issueId) {
        String sql = "SELECT " + InsightRows.STATE_COLUMNS + SCOPED.formatted(Sql.scopeColumn(scope));
        return database.first(sql, InsightRows::state, issueId, scope.id());
    }

    @Override
    public Optional<Insight> get(Scope scope, String issueId) {
        String sql = "SELECT " + InsightRows.SELECTED_COLUMNS + SCOPED.formatted(Sql.scopeColumn(scope));
        return database.first(sql, InsightRows::insight, issueId, scope.id());
    }

    @Override
    public Map<String, Insight> getAll(String accountId, Collection<String> issueIds) {
        List<String> ids = List.copyOf(issueIds);
        Map<String, Insight> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        return database.read(connection -> {
            // in slices, under every dialect's limit on bound parameters
            for (int from = 0; from < ids.size(); from += GET_ALL_SLICE) {
                List<String> slice = ids.subList(from, Math.min(ids.size(), from + GET_ALL_SLICE));
                try (PreparedStatement p = connection.prepareStatement("SELECT " + InsightRows.SELECTED_COLUMNS
                        + " FROM insights WHERE account_id = ? AND id IN (" + Sql.placeholders(slice.size()) + ")")) {
                    p.setString(1, accountId);
                    for (int i = 0; i < slice.size(); i++) {
                        p.setString(i + 2, slice.get(i));
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            Insight insight = InsightRows.insight(rs);
                            found.put(insight.id(), insight);
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public InsightPage list(Scope scope, InsightFilter filter, int page, int perPage) {
        return lists.list(scope, filter, page, perPage);
    }

    @Override
    public InsightIds ids(Scope scope, InsightFilter filter, int max) {
        return lists.ids(scope, filter, max);
    }

    @Override
    public List<Count> count(Scope scope, InsightFilter filter, CountField field) {
        return lists.count(scope, filter, field);
    }

    @Override
    public ClassificationOutcome classify(
            Scope scope, String issueId, Function<InsightState, @Nullable ClassificationUpdate> decide) {
        return writer.submit(new Classify(new ClassificationBatch.Decide(scope, issueId, decide)));
    }

    @Override
    public boolean dismiss(Scope scope, String issueId, boolean dismissed, String actor) {
        return writer.submit(new Dismiss(new DismissalBatch.Dismiss(scope, issueId, dismissed, actor)))
                != ClassificationOutcome.NOT_FOUND;
    }

    /**
     * The batch body of the writer: every write of the batch, in one transaction. The classifications are
     * decided and applied together ({@link ClassificationBatch}). Dismissals touch neither the
     * classification nor any entry the classifications read, so running them after the classifications
     * changes no result. The change-log entries of both are appended last ({@link EntryAppender}).
     *
     * <p>Locks are taken in the one order every transaction follows, so two never wait for each other: the list
     * version (if the batch dismisses), then the insights in id order (on PostgreSQL all at once, before any
     * is changed: {@link Dialect#lockRows}), then the change log's position.
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
        List<DismissalBatch.Dismiss> dismisses = new ArrayList<>();
        List<Integer> dismissed = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i : order) {
            switch (writes.get(i)) {
                case Classify classify -> {
                    decides.add(classify.decide());
                    decided.add(i);
                }
                case Dismiss dismiss -> {
                    dismisses.add(dismiss.dismiss());
                    dismissed.add(i);
                }
            }
            ids.add(issueId(writes.get(i)));
        }
        long version = dismisses.isEmpty() ? 0 : ListVersion.bump(connection);
        RowLocks.lock(connection, database.dialect(), ids);
        EntryAppender log = new EntryAppender(database.dialect());
        if (!decides.isEmpty()) {
            classifications.apply(connection, decides, decided, applied, log);
        }
        if (!dismisses.isEmpty()) {
            dismissals.apply(connection, dismisses, dismissed, applied, version, log);
        }
        log.write(connection);
        return applied;
    }

    private static String issueId(Write write) {
        return switch (write) {
            case Classify classify -> classify.decide().issueId();
            case Dismiss dismiss -> dismiss.dismiss().issueId();
        };
    }

    @Override
    public BulkOutcome.@Nullable Decided classifyAll(
            Scope scope,
            List<String> issueIds,
            Function<InsightState, @Nullable ClassificationUpdate> decide,
            @Nullable UUID bulkId,
            @Nullable String expectedStates) {
        return bulk.run(scope, issueIds, decide, bulkId, expectedStates);
    }

    @Override
    public BulkOutcome.Decided dismissAll(
            Scope scope,
            List<String> issueIds,
            boolean dismissed,
            String actor,
            @Nullable UUID bulkId,
            @Nullable String expectedStates) {
        return bulkDismissals.run(scope, issueIds, dismissed, actor, bulkId, expectedStates);
    }

    @Override
    public Optional<String> recordedExpiry(String issueId) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT current_value FROM audit_log"
                    + " WHERE issue_id = ? AND field_changed = 'classification_expires_on' ORDER BY position DESC"
                    + " LIMIT 1")) {
                p.setString(1, issueId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<String>empty();
                    }
                    String value = rs.getString(1);
                    return Optional.of(value == null ? "" : value);
                }
            }
        });
    }

    @Override
    public List<InsightState> dueForExpiry(Instant now, int max) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT " + InsightRows.STATE_COLUMNS
                            + " FROM insights WHERE classification_expires_ms <= ? ORDER BY classification_expires_ms LIMIT ?")) {
                p.setLong(1, now.toEpochMilli());
                p.setInt(2, max);
                try (ResultSet rs = p.executeQuery()) {
                    List<InsightState> due = new ArrayList<>();
                    while (rs.next()) {
                        due.add(InsightRows.state(rs));
                    }
                    return due;
                }
            }
        });
    }

    @Override
    public InsightPage expiring(Scope scope, Instant before, int page, int perPage) {
        String where = " FROM insights WHERE " + Sql.scopeColumn(scope) + " = ? AND classification_expires_ms <= ?";
        return database.read(connection -> {
            long total;
            try (PreparedStatement p = connection.prepareStatement("SELECT count(*)" + where)) {
                p.setString(1, scope.id());
                p.setLong(2, before.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement p = connection.prepareStatement("SELECT " + InsightRows.SELECTED_COLUMNS + where
                    + " ORDER BY classification_expires_ms, id LIMIT ? OFFSET ?")) {
                p.setString(1, scope.id());
                p.setLong(2, before.toEpochMilli());
                p.setInt(3, perPage);
                p.setLong(4, (long) (page - 1) * perPage);
                try (ResultSet rs = p.executeQuery()) {
                    List<Insight> issues = new ArrayList<>();
                    while (rs.next()) {
                        issues.add(InsightRows.insight(rs));
                    }
                    return new InsightPage(issues, total);
                }
            }
        });
    }

    @Override
    public void upsert(List<Insight> insights) {
        imports.upsert(insights, change -> change.audit(auditIds.get()));
    }

    @Override
    public void applyScan(ScanReport report) {
        scans.apply(report, change -> change.audit(auditIds.get()));
    }

    /** Commits every queued write, then stops the writer. The database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
