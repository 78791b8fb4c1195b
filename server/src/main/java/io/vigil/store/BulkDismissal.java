package io.vigil.store;

import io.vigil.bulk.BulkDecision;
import io.vigil.bulk.BulkOutcome;
import io.vigil.insight.Dismissal;
import io.vigil.insight.Insight;
import io.vigil.tenant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A bulk dismissal or restore in one transaction of its own. An apply bumps the list version first, as a
 * writer's dismissals do, so it holds the version (on PostgreSQL its row lock) while it reads and changes the
 * rows: every other change of {@code dismissed} waits for it, and none can slip in between its decision and its
 * update. Each insight is decided by the dismissal rule ({@code insight.Dismissal}, through {@code
 * bulk.BulkDecision}); only if none is refused does it change them, in id order, each with a change-log entry carrying
 * the bulk's id and the version; the remembered list positions then move, as after a writer's dismissals.
 */
final class BulkDismissal {
    /** Thrown inside the transaction to roll it back (and the version bump with it) when nothing is applied. */
    private static final class Unapplied extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial") // never serialised: caught in this class
        final transient BulkOutcome.Decided decided;

        Unapplied(BulkOutcome.Decided decided) {
            super(null, null, false, false);
            this.decided = decided;
        }
    }

    private static final String ROWS = "SELECT " + InsightRows.SELECTED_COLUMNS + " FROM insights";

    private final Database database;
    private final ListPositions positions;
    private final Supplier<UUID> auditIds;

    BulkDismissal(Database database, ListPositions positions, Supplier<UUID> auditIds) {
        this.database = database;
        this.positions = positions;
        this.auditIds = auditIds;
    }

    BulkOutcome.Decided run(
            Scope scope,
            List<String> issueIds,
            boolean dismissed,
            String actor,
            @Nullable UUID bulkId,
            @Nullable String expectedStates) {
        if (bulkId == null) { // a preview: nothing to lock
            return database.read(connection -> decide(connection, scope, issueIds, dismissed, actor, expectedStates)
                    .decided());
        }
        List<ListPositions.Dismissal> changes = new ArrayList<>();
        long[] version = {0};
        try {
            BulkOutcome.Decided decided = database.transaction(connection -> {
                version[0] = ListVersion.bump(connection);
                BulkDecision<Dismissal> decision =
                        decide(connection, scope, issueIds, dismissed, actor, expectedStates);
                if (!decision.applicable()) {
                    throw new Unapplied(decision.decided());
                }
                apply(connection, decision.changes().values(), bulkId, version[0]);
                for (Dismissal change : decision.changes().values()) {
                    changes.add(new ListPositions.Dismissal(change.insight(), dismissed));
                }
                return decision.decided();
            });
            positions.dismissed(version[0] - 1, version[0], List.copyOf(changes));
            return decided;
        } catch (Unapplied unapplied) {
            return unapplied.decided;
        }
    }

    private BulkDecision<Dismissal> decide(
            Connection connection,
            Scope scope,
            List<String> issueIds,
            boolean dismissed,
            String actor,
            @Nullable String expectedStates)
            throws SQLException {
        Map<String, Insight> rows =
                RowsById.read(connection, database.dialect(), ROWS, issueIds, InsightRows::insight, Insight::id);
        rows.values().removeIf(row -> !scope.contains(row.accountId(), row.zoneId()));
        return BulkDecision.decide(
                "dismissal",
                issueIds,
                rows,
                row -> String.valueOf(row.dismissed()),
                row -> Dismissal.decide(row, dismissed, actor),
                expectedStates);
    }

    private void apply(Connection connection, Collection<Dismissal> changes, UUID bulkId, long version)
            throws SQLException {
        EntryAppender log = new EntryAppender(database.dialect());
        try (PreparedStatement update = connection.prepareStatement(DismissalBatch.UPDATE)) {
            for (Dismissal change : changes) {
                DismissalBatch.bind(update, change);
                update.addBatch();
                log.add(change.entry(auditIds.get()), bulkId, version);
            }
            update.executeBatch();
        }
        log.write(connection);
    }
}
