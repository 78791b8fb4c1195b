package io.vigil.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vigil.insight.BulkOutcome;
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
import io.vigil.tenant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link InsightStore} on SQLite or PostgreSQL: single reads here; lists and counts in {@link InsightLists};
 * imports in {@link InsightImport}. User changes go through one {@link GroupCommitWriter}, whose batches
 * apply classifications ({@link ClassificationBatch}: a compare-and-set and its audit row in one
 * transaction) and dismissals ({@link DismissalBatch}). Thread-safe.
 */
public final class JdbcInsightStore implements InsightStore, AutoCloseable {
    private static final String SCOPED = " FROM insights WHERE id = ? AND %s = ?";
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
        this.dismissals = new DismissalBatch(database.dialect(), positions, auditIds);
        this.bulk = new BulkClassification(database, auditIds);
        this.bulkDismissals = new BulkDismissal(database, positions, auditIds);
        this.lists = new InsightLists(database, positions);
        this.imports = new InsightImport(database);
        this.writer = new GroupCommitWriter<>(
                database, this::applyAll, "vigil-writer", database.dialect().writerThreads(), meters);
    }

    @Override
    public Optional<InsightState> find(Scope scope, String issueId) {
        String sql = "SELECT " + InsightRows.STATE_COLUMNS + SCOPED.formatted(Sql.scopeColumn(scope));
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                p.setString(1, issueId);
                p.setString(2, scope.id());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(InsightRows.state(rs)) : Optional.<InsightState>empty();
                }
            }
        });
    }

    @Override
    public Optional<Insight> get(Scope scope, String issueId) {
        String sql = "SELECT " + InsightRows.SELECTED_COLUMNS + SCOPED.formatted(Sql.scopeColumn(scope));
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
     * changes no result.
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
        List<DismissalBatch.Dismiss> dismisses = new ArrayList<>();
        List<Integer> dismissed = new ArrayList<>();
        for (int i : order) {
            if (writes.get(i) instanceof Dismiss dismiss) {
                dismisses.add(dismiss.dismiss());
                dismissed.add(i);
            }
        }
        dismissals.apply(connection, dismisses, dismissed, applied);
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

    /** Commits every queued write, then stops the writer. The database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
