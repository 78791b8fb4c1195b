package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.error.ApiException;
import io.vigil.insight.ClassificationOutcome;
import io.vigil.insight.ClassificationUpdate;
import io.vigil.insight.InsightState;
import io.vigil.tenant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The classifications of one writer batch, decided and applied in its transaction: one read of the states
 * of every insight the batch touches, the decisions in order (each on the state the writes before it in the
 * batch leave), the compare-and-sets as one JDBC batch, then the audit rows of those that matched as one
 * batch.
 *
 * <p>A decision is only as good as the state it was taken on. Each compare-and-set checks that state
 * against the row itself, so a change is never applied to anything else. A decision that needs no write
 * (unchanged, refused) is answered on the state read in this transaction, which was true while its request
 * waited, unless a compare-and-set before it on the same insight in this batch did not do what the
 * decisions after it assumed (possible only when another node or writer changed the row meanwhile, i.e.
 * on PostgreSQL): then it is answered {@link ClassificationOutcome#RACED} and decided again.
 */
final class ClassificationBatch {
    private static final String STATE = "SELECT " + InsightRows.STATE_COLUMNS + " FROM insights";

    /**
     * A classification to decide in the writer.
     *
     * @param scope where the insight must lie
     */
    record Decide(Scope scope, String issueId, Function<InsightState, @Nullable ClassificationUpdate> decide) {}

    /** One decided write: a compare-and-set ({@code cas >= 0}) or an answer given without one. */
    private record Step(
            int write,
            String issueId,
            int cas,
            boolean expectedToMatch,
            @Nullable ClassificationUpdate update,
            @Nullable ClassificationOutcome answer,
            @Nullable ApiException refusal) {}

    private final Dialect dialect;
    private final String compareAndSet;
    private final Supplier<UUID> auditIds;

    /** @param auditIds stamps the audit entry of each change once its compare-and-set holds the row */
    ClassificationBatch(Dialect dialect, Supplier<UUID> auditIds) {
        this.dialect = dialect;
        this.auditIds = auditIds;
        this.compareAndSet = compareAndSet(dialect);
    }

    /** The compare-and-set of an insight's classification and expiry ({@link #bind}). */
    static String compareAndSet(Dialect dialect) {
        return "UPDATE insights SET user_classification = ?, classification_expires_ms = ? WHERE id = ?"
                + " AND user_classification " + dialect.nullSafeEquals() + " ? AND classification_expires_ms "
                + dialect.nullSafeEquals() + " ?";
    }

    /** Binds {@code update} to a statement of {@link #compareAndSet}. */
    static void bind(PreparedStatement cas, ClassificationUpdate update) throws SQLException {
        cas.setString(1, InsightRows.wireName(update.next()));
        setMillis(cas, 2, update.nextExpiry());
        cas.setString(3, update.issueId());
        InsightRows.setNullable(cas, 4, InsightRows.wireName(update.expected()));
        setMillis(cas, 5, update.expectedExpiry());
    }

    /**
     * Decides and applies {@code decides}, given in insight id order (queue order per insight), recording
     * each outcome in {@code applied} at the index of {@code writes} and each change's entries in {@code log}.
     *
     * @param writes the index in the writer's batch of each of {@code decides}
     */
    void apply(
            Connection connection,
            List<Decide> decides,
            List<Integer> writes,
            GroupCommitWriter.Applied<ClassificationOutcome> applied,
            EntryAppender log)
            throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        for (Decide decide : decides) {
            ids.add(decide.issueId());
        }
        Map<String, InsightState> states = states(connection, dialect, ids);
        List<Step> steps = new ArrayList<>(decides.size());
        int[] matched;
        try (PreparedStatement cas = connection.prepareStatement(compareAndSet)) {
            int sets = 0;
            for (int k = 0; k < decides.size(); k++) {
                Decide decide = decides.get(k);
                int write = writes.get(k);
                String id = decide.issueId();
                InsightState state = states.get(id);
                if (state == null || !decide.scope().contains(state.accountId(), state.zoneId())) {
                    steps.add(new Step(write, id, -1, false, null, ClassificationOutcome.NOT_FOUND, null));
                    continue;
                }
                ClassificationUpdate update;
                try {
                    update = decide.decide().apply(state);
                } catch (ApiException refusal) {
                    steps.add(new Step(write, id, -1, false, null, null, refusal));
                    continue;
                }
                if (update == null) {
                    steps.add(new Step(write, id, -1, false, null, ClassificationOutcome.UNCHANGED, null));
                    continue;
                }
                boolean expectedToMatch = state.classification() == update.expected()
                        && Objects.equals(state.classificationExpiresOn(), update.expectedExpiry());
                bind(cas, update);
                cas.addBatch();
                steps.add(new Step(write, id, sets++, expectedToMatch, update, null, null));
                if (expectedToMatch) {
                    states.put(
                            id,
                            new InsightState(
                                    state.id(), state.accountId(), state.zoneId(), update.next(), update.nextExpiry()));
                }
            }
            matched = sets == 0 ? new int[0] : cas.executeBatch();
        }
        answer(steps, matched, applied, log);
    }

    private void answer(
            List<Step> steps,
            int[] matched,
            GroupCommitWriter.Applied<ClassificationOutcome> applied,
            EntryAppender log) {
        String diverged = null; // the insight whose row did not do what this batch's decisions assumed
        for (Step step : steps) {
            ClassificationUpdate update = step.update();
            if (update != null) {
                boolean changed = matched[step.cas()] == 1;
                if (changed != step.expectedToMatch()) {
                    diverged = step.issueId();
                }
                if (changed) {
                    // Stamped now, while this transaction holds the row: a change that had to wait for
                    // another batch's change of the same insight (PostgreSQL) gets a later id and time,
                    // so the audit log's order is the order the changes were committed in.
                    for (AuditEntry entry : update.entries(auditIds)) {
                        log.add(entry);
                    }
                }
                applied.succeed(step.write(), changed ? ClassificationOutcome.CHANGED : ClassificationOutcome.RACED);
            } else if (step.issueId().equals(diverged)) {
                applied.succeed(step.write(), ClassificationOutcome.RACED);
            } else if (step.refusal() != null) {
                applied.refuse(step.write(), step.refusal());
            } else {
                applied.succeed(step.write(), Objects.requireNonNull(step.answer()));
            }
        }
    }

    /** The states of the insights {@code ids} that exist. */
    static Map<String, InsightState> states(Connection connection, Dialect dialect, Set<String> ids)
            throws SQLException {
        return RowsById.read(connection, dialect, STATE, ids, InsightRows::state, InsightState::id);
    }

    private static void setMillis(PreparedStatement p, int index, @Nullable Instant at) throws SQLException {
        if (at == null) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, at.toEpochMilli());
        }
    }
}
