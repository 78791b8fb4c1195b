package io.vigil.store;

import io.vigil.insight.ClassificationOutcome;
import io.vigil.insight.Dismissal;
import io.vigil.insight.Insight;
import io.vigil.tenant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The dismissals of one group-commit batch, applied in its transaction. The transaction bumps the list version
 * before anything else, so it holds it (in PostgreSQL, its row lock) while it reads the rows it changes; once committed,
 * the remembered list positions move to the new version. Each change is recorded in the change log (field
 * {@code dismissed}, which Cloudflare's audit-log routes do not show) with that version, so that other nodes
 * move their positions too ({@link ListChanges}).
 */
final class DismissalBatch {
    /** One dismissal to apply. */
    record Dismiss(Scope scope, String issueId, boolean dismissed, String actor) {}

    /** The update of a dismissal ({@link #bind}). */
    static final String UPDATE = "UPDATE insights SET dismissed = ? WHERE id = ?";

    private static final String FIND = "SELECT " + InsightRows.SELECTED_COLUMNS + " FROM insights WHERE id = ?";

    private final ListPositions positions;
    private final Supplier<UUID> auditIds;

    DismissalBatch(ListPositions positions, Supplier<UUID> auditIds) {
        this.positions = positions;
        this.auditIds = auditIds;
    }

    /**
     * Applies {@code dismissals} in order, answering each at its index in {@code indices}: {@code NOT_FOUND}
     * outside its scope, {@code UNCHANGED} when already in that state, else {@code CHANGED}, each change's entry
     * in {@code log}.
     *
     * @param version the list version the transaction moved to ({@link ListVersion#bump}), before it locked any
     *     insight
     */
    void apply(
            Connection connection,
            List<Dismiss> dismissals,
            List<Integer> indices,
            GroupCommitWriter.Applied<ClassificationOutcome> applied,
            long version,
            EntryAppender log)
            throws SQLException {
        List<ListPositions.Dismissal> changes = new ArrayList<>();
        try (PreparedStatement find = connection.prepareStatement(FIND);
                PreparedStatement dismiss = connection.prepareStatement(UPDATE)) {
            for (int k = 0; k < dismissals.size(); k++) {
                Dismiss d = dismissals.get(k);
                int index = indices.get(k);
                find.setString(1, d.issueId());
                Insight row;
                try (ResultSet rs = find.executeQuery()) {
                    row = rs.next() ? InsightRows.insight(rs) : null;
                }
                if (row == null || !d.scope().contains(row.accountId(), row.zoneId())) {
                    applied.succeed(index, ClassificationOutcome.NOT_FOUND);
                    continue;
                }
                Dismissal change = Dismissal.decide(row, d.dismissed(), d.actor());
                if (change == null) {
                    applied.succeed(index, ClassificationOutcome.UNCHANGED);
                    continue;
                }
                bind(dismiss, change);
                dismiss.executeUpdate();
                log.add(change.entry(auditIds.get()), null, version);
                changes.add(new ListPositions.Dismissal(row, d.dismissed()));
                applied.succeed(index, ClassificationOutcome.CHANGED);
            }
        }
        List<ListPositions.Dismissal> committed = List.copyOf(changes);
        applied.afterCommit(() -> positions.dismissed(version - 1, version, committed));
    }

    /** Binds {@code change} to a statement of {@link #UPDATE}. */
    static void bind(PreparedStatement update, Dismissal change) throws SQLException {
        update.setInt(1, change.dismissed() ? 1 : 0);
        update.setString(2, change.insight().id());
    }
}
