package io.vigil.bulk;

import io.vigil.insight.ClassificationUpdate;
import io.vigil.insight.InsightState;
import io.vigil.tenant.Scope;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Where a bulk is decided and applied: each in one transaction of its own. Thread-safe. */
public interface BulkStore {
    /**
     * Reads the state of each of {@code issueIds} in {@code scope}, decides each with {@code decide} ({@link
     * BulkDecision}), and if {@code bulkId} is given and the decision is {@link BulkDecision#applicable}, applies
     * every change as a compare-and-set in id order, each change's entries carrying {@code bulkId}, all in one
     * transaction. Returns the decisions, or {@code null} if another writer changed one of the insights between
     * the decision and its compare-and-set (nothing was applied: decide again).
     */
    BulkOutcome.@Nullable Decided classifyAll(
            Scope scope,
            List<String> issueIds,
            Function<InsightState, @Nullable ClassificationUpdate> decide,
            @Nullable UUID bulkId,
            @Nullable String expectedStates);

    /**
     * Decides whether each of {@code issueIds} in {@code scope} is to be dismissed ({@code dismissed}) or
     * restored ({@link io.vigil.insight.Dismissal}), and if {@code bulkId} is given and the decision is {@link
     * BulkDecision#applicable}, applies every change in one transaction, in id order, each entry carrying {@code
     * bulkId}. Returns the decisions, in the order given.
     */
    BulkOutcome.Decided dismissAll(
            Scope scope,
            List<String> issueIds,
            boolean dismissed,
            String actor,
            @Nullable UUID bulkId,
            @Nullable String expectedStates);
}
