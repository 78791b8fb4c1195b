package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.UuidV7;
import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import io.vigil.insight.BulkOutcome;
import io.vigil.insight.Insight;
import io.vigil.tenant.Scope;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A bulk dismissal or restore in one transaction of its own. An apply bumps the list version first, as a
 * writer's dismissals do, so it holds the version (on PostgreSQL its row lock) while it reads and changes the
 * rows: every other change of {@code dismissed} waits for it, and none can slip in between its decision and its
 * update. Only if no insight is refused does it change them, in id order, each with a change-log entry carrying
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

    private static final String ROWS = "SELECT " + InsightRows.SELECTED_COLUMNS + " FROM insights WHERE id ";

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
            return database.read(
                    connection -> decide(scope, issueIds, dismissed, expectedStates, rows(connection, issueIds))
                            .decided());
        }
        List<ListPositions.Dismissal> changes = new ArrayList<>();
        long[] version = {0};
        try {
            BulkOutcome.Decided decided = database.transaction(connection -> {
                version[0] = ListVersion.bump(connection);
                Decision decision = decide(scope, issueIds, dismissed, expectedStates, rows(connection, issueIds));
                if (!decision.applicable()) {
                    throw new Unapplied(decision.decided());
                }
                apply(connection, decision.changes(), dismissed, actor, bulkId, version[0]);
                for (Insight row : decision.changes().values()) {
                    changes.add(new ListPositions.Dismissal(row, dismissed));
                }
                return decision.decided();
            });
            positions.dismissed(version[0] - 1, version[0], List.copyOf(changes));
            return decided;
        } catch (Unapplied unapplied) {
            return unapplied.decided;
        }
    }

    /** The decisions, and the rows to change in id order (the order locks are taken in). */
    private record Decision(BulkOutcome.Decided decided, Map<String, Insight> changes, boolean refused) {
        boolean applicable() {
            return !refused && decided.preconditionHeld() && !changes.isEmpty();
        }
    }

    private static Decision decide(
            Scope scope,
            List<String> issueIds,
            boolean dismissed,
            @Nullable String expectedStates,
            Map<String, Insight> rows) {
        String token = StatesToken.of("dismissal", issueIds, id -> {
            Insight row = rows.get(id);
            return row == null || !scope.contains(row.accountId(), row.zoneId())
                    ? null
                    : String.valueOf(row.dismissed());
        });
        List<BulkOutcome.Item> items = new ArrayList<>(issueIds.size());
        Map<String, Insight> changes = new TreeMap<>();
        boolean refused = false;
        for (String id : issueIds) {
            Insight row = rows.get(id);
            if (row == null || !scope.contains(row.accountId(), row.zoneId())) {
                items.add(new BulkOutcome.Item(
                        id,
                        BulkOutcome.Kind.REFUSED,
                        new NotFoundException(ErrorCode.INSIGHT_NOT_FOUND, "insight '" + id + "' not found")));
                refused = true;
            } else if (row.dismissed() == dismissed) {
                items.add(new BulkOutcome.Item(id, BulkOutcome.Kind.UNCHANGED, null));
            } else {
                items.add(new BulkOutcome.Item(id, BulkOutcome.Kind.CHANGE, null));
                changes.put(id, row);
            }
        }
        boolean held = expectedStates == null || expectedStates.equals(token);
        return new Decision(new BulkOutcome.Decided(items, token, held), changes, refused);
    }

    private void apply(
            Connection connection,
            Map<String, Insight> changes,
            boolean dismissed,
            String actor,
            UUID bulkId,
            long version)
            throws SQLException {
        EntryAppender log = new EntryAppender(database.dialect());
        try (PreparedStatement update = connection.prepareStatement("UPDATE insights SET dismissed = ? WHERE id = ?")) {
            for (Insight row : changes.values()) {
                update.setInt(1, dismissed ? 1 : 0);
                update.setString(2, row.id());
                update.addBatch();
                UUID id = auditIds.get();
                log.add(
                        new AuditEntry(
                                id,
                                row.id(),
                                row.accountId(),
                                row.zoneId(),
                                AuditField.DISMISSED,
                                String.valueOf(row.dismissed()),
                                String.valueOf(dismissed),
                                null,
                                actor,
                                UuidV7.instant(id)),
                        bulkId,
                        version);
            }
            update.executeBatch();
        }
        log.write(connection);
    }

    private Map<String, Insight> rows(Connection connection, List<String> issueIds) throws SQLException {
        Map<String, Insight> rows = new HashMap<>();
        if (database.dialect().inProcess()) { // a cached statement per id costs no round trip
            try (PreparedStatement p = connection.prepareStatement(ROWS + "= ?")) {
                for (String id : issueIds) {
                    p.setString(1, id);
                    try (ResultSet rs = p.executeQuery()) {
                        collect(rs, rows);
                    }
                }
            }
            return rows;
        }
        try (PreparedStatement p = connection.prepareStatement(ROWS + "= ANY (?)")) { // one round trip
            Array array = connection.createArrayOf("text", issueIds.toArray());
            p.setArray(1, array);
            try (ResultSet rs = p.executeQuery()) {
                collect(rs, rows);
            } finally {
                array.free();
            }
        }
        return rows;
    }

    private static void collect(ResultSet rs, Map<String, Insight> rows) throws SQLException {
        while (rs.next()) {
            Insight row = InsightRows.insight(rs);
            rows.put(row.id(), row);
        }
    }
}
