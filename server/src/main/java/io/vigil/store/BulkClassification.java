package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.bulk.BulkDecision;
import io.vigil.bulk.BulkOutcome;
import io.vigil.insight.ClassificationUpdate;
import io.vigil.insight.InsightState;
import io.vigil.tenant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A bulk classification in one transaction of its own: every insight's state read, every decision taken,
 * and only if none is refused (and it is not a dry run) every compare-and-set made, in id order as the
 * writer's batches make theirs (so the two never wait on each other in a cycle), with every entry carrying
 * the bulk's id. On SQLite the transaction holds the one write lock throughout; on PostgreSQL a
 * compare-and-set that matches nothing means another writer got there first, and the whole bulk is rolled
 * back and decided again.
 */
final class BulkClassification {
    /** Thrown inside the transaction to roll it back when a compare-and-set missed. */
    private static final class Raced extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Raced() {
            super(null, null, false, false);
        }
    }

    private final Database database;
    private final String compareAndSet;
    private final Supplier<UUID> auditIds;

    BulkClassification(Database database, Supplier<UUID> auditIds) {
        this.database = database;
        this.compareAndSet = ClassificationBatch.compareAndSet(database.dialect());
        this.auditIds = auditIds;
    }

    BulkOutcome.@Nullable Decided run(
            Scope scope,
            List<String> issueIds,
            Function<InsightState, @Nullable ClassificationUpdate> decide,
            @Nullable UUID bulkId,
            @Nullable String expectedStates) {
        try {
            return database.transaction(connection ->
                            Optional.of(decideAndApply(connection, scope, issueIds, decide, bulkId, expectedStates)))
                    .orElseThrow();
        } catch (Raced raced) {
            return null;
        }
    }

    private BulkOutcome.Decided decideAndApply(
            Connection connection,
            Scope scope,
            List<String> issueIds,
            Function<InsightState, @Nullable ClassificationUpdate> decide,
            @Nullable UUID bulkId,
            @Nullable String expectedStates)
            throws SQLException {
        Map<String, InsightState> states =
                ClassificationBatch.states(connection, database.dialect(), new LinkedHashSet<>(issueIds));
        states.values().removeIf(state -> !scope.contains(state.accountId(), state.zoneId()));
        BulkDecision<ClassificationUpdate> decision = BulkDecision.decide(
                "classification", issueIds, states, BulkClassification::seen, decide, expectedStates);
        if (bulkId == null || !decision.applicable()) {
            return decision.decided();
        }
        try (PreparedStatement cas = connection.prepareStatement(compareAndSet)) {
            for (ClassificationUpdate update : decision.changes().values()) {
                ClassificationBatch.bind(cas, update);
                cas.addBatch();
            }
            for (int matched : cas.executeBatch()) {
                if (matched != 1) {
                    throw new Raced();
                }
            }
        }
        EntryAppender log = new EntryAppender(database.dialect());
        for (ClassificationUpdate update : decision.changes().values()) {
            for (AuditEntry entry : update.entries(auditIds)) {
                log.add(entry, bulkId, null);
            }
        }
        log.write(connection);
        return decision.decided();
    }

    /** What a classification depends on: the classification and its expiry. */
    private static String seen(InsightState state) {
        Instant expires = state.classificationExpiresOn();
        return InsightRows.wireName(state.classification()) + '\0' + (expires == null ? "" : expires.toEpochMilli());
    }
}
