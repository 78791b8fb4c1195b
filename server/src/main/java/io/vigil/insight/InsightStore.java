package io.vigil.insight;

import io.vigil.tenant.Scope;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The persistence port for insights. Implementations are thread-safe. */
public interface InsightStore {

    /** What the classification rules need of the insight {@code issueId}, if it lies in {@code scope}. */
    Optional<InsightState> find(Scope scope, String issueId);

    /** The whole insight {@code issueId}, with its extended context, if it lies in {@code scope}. */
    Optional<Insight> get(Scope scope, String issueId);

    /**
     * The whole insights among {@code issueIds} that belong to the account {@code accountId} (its zones' too), by
     * id; ids not there are left out. A store answers it with as few reads as it can.
     */
    default Map<String, Insight> getAll(String accountId, Collection<String> issueIds) {
        Map<String, Insight> found = new HashMap<>();
        for (String issueId : issueIds) {
            get(new Scope.Account(accountId), issueId).ifPresent(insight -> found.put(issueId, insight));
        }
        return found;
    }

    /**
     * One page of the insights in {@code scope} that pass {@code filter}, in a stable order (most recently
     * seen first, then by id), so pages neither skip nor repeat an insight while nothing changes.
     *
     * @param page from 1
     */
    InsightPage list(Scope scope, InsightFilter filter, int page, int perPage);

    /**
     * The ids of the insights in {@code scope} that pass {@code filter}, in {@link #list}'s order, if at most
     * {@code max} do, and how many do; no ids if more do. Reads ids only, so a bulk by filter finds its insights
     * without reading them.
     */
    InsightIds ids(Scope scope, InsightFilter filter, int max);

    /** The insights in {@code scope} passing {@code filter}, counted by {@code field}, largest count first. */
    List<Count> count(Scope scope, InsightFilter filter, CountField field);

    /**
     * Classifies the insight {@code issueId} in one step of the store's writer: reads its state (if it lies in
     * {@code scope}), lets {@code decide} rule on it, and applies the update {@code decide} returns as a
     * compare-and-set: the classification changes only if it is still {@link ClassificationUpdate#expected()},
     * and then {@link ClassificationUpdate#entries its audit entry} is recorded in the same transaction, stamped
     * once the compare-and-set holds the row (so one insight's entries sort in the order its changes were
     * committed). Returns once that is durably committed. Saves each request a read of its own.
     *
     * @param decide pure and quick (it runs on the writer): the update, {@code null} for no change, or an
     *     {@link io.vigil.error.ApiException} refusing the request, which this method then throws
     * @return {@link ClassificationOutcome#RACED}, with nothing written, if the insight changed under the
     *     decision: call again
     */
    ClassificationOutcome classify(
            Scope scope, String issueId, Function<InsightState, @Nullable ClassificationUpdate> decide);

    /**
     * Sets whether the insight is dismissed, recording a change made by {@code actor} in the change log in the
     * same transaction; durable when this returns.
     *
     * @return {@code false} if there is no such insight in {@code scope}
     */
    boolean dismiss(Scope scope, String issueId, boolean dismissed, String actor);

    /**
     * Up to {@code max} insights whose classification's expiry is not after {@code now}, soonest first: what
     * {@link Expirer#expireDue(int)} resets.
     */
    List<InsightState> dueForExpiry(Instant now, int max);

    /**
     * The expiry the newest change-log entry of insight {@code issueId} on its classification's expiry set (its
     * {@code classification_expires_on} value; empty text for none), or empty if no entry ever set one.
     */
    Optional<String> recordedExpiry(String issueId);

    /** A page of the insights in {@code scope} whose classification expires at or before {@code before}. */
    InsightPage expiring(Scope scope, Instant before, int page, int perPage);

    /**
     * Inserts or updates insights by id, all or nothing, and records {@link StatusChange#audit the audit entry}
     * of every status the import changes, stamped by the store as classifications' are. Never changes a
     * user's classification or dismissal of an existing insight.
     *
     * @throws IllegalArgumentException if an insight would move to another account or zone
     */
    void upsert(List<Insight> insights);
}
