package io.vigil.insight;

import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import io.vigil.tenant.Scope;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations on one insight at a time that handlers, commands and the sync call (classify, dismiss, read,
 * list, count, import); a bulk goes through {@code bulk.Bulks}, the reset of expired classifications through
 * {@link Expirer}.
 *
 * <p>Classifying: the store reads the current state in its writer, {@link ClassificationUpdate#decide} rules on
 * it, and the store applies the result as a compare-and-set. No Java lock is involved, so the same holds
 * across processes and nodes: if another writer got there first, the decision is taken again on the new
 * state. Thread-safe.
 */
public final class InsightService {
    /** How often a request re-decides after losing a race before it gives up with a 409. */
    public static final int MAX_ATTEMPTS = 4;

    private final InsightStore store;
    private final ExpiryPolicy expiry;
    private final InstantSource clock;

    /** A service with no expiry policy, on the system clock. */
    public InsightService(InsightStore store) {
        this(store, ExpiryPolicy.NONE, InstantSource.system());
    }

    /** A service checking expiries against {@code expiry} at {@code clock}'s time. */
    public InsightService(InsightStore store, ExpiryPolicy expiry, InstantSource clock) {
        this.store = store;
        this.expiry = expiry;
        this.clock = clock;
    }

    /**
     * Applies {@code request} to the insight {@code issueId} in {@code scope} on behalf of {@code actor}.
     *
     * @throws NotFoundException if there is no such insight in the scope
     * @throws ConflictException if the request changes one classification directly into another
     */
    public void classify(Scope scope, String issueId, ClassificationRequest request, String actor) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            switch (store.classify(
                    scope,
                    issueId,
                    insight -> ClassificationUpdate.decide(insight, request, actor, expiry, clock.instant()))) {
                case CHANGED, UNCHANGED -> {
                    return;
                }
                case NOT_FOUND -> throw Insight.notFound(issueId);
                case RACED -> {} // decide again, on the new state
            }
        }
        throw new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "insight '" + issueId + "' changed " + MAX_ATTEMPTS + " times while this request was applied; retry");
    }

    /**
     * A page of the insights in {@code scope} whose classification expires within {@code within} from now
     * (those already due but not yet reset included), soonest first.
     */
    public InsightPage expiring(Scope scope, Duration within, int page, int perPage) {
        return store.expiring(scope, clock.instant().plus(within), page, perPage);
    }

    /** A page of the insights in {@code scope} that pass {@code filter}, most recently seen first. */
    public InsightPage list(Scope scope, InsightFilter filter, int page, int perPage) {
        return store.list(scope, filter, page, perPage);
    }

    /** How many insights in {@code scope} pass {@code filter}, by each value of {@code field}. */
    public List<Count> count(Scope scope, InsightFilter filter, CountField field) {
        return store.count(scope, filter, field);
    }

    /**
     * Dismisses ({@code true}) or restores ({@code false}) an insight on behalf of {@code actor}; idempotent. A
     * change is recorded in the change log (not shown by Cloudflare's audit-log routes).
     *
     * @throws NotFoundException if there is no such insight in the scope
     */
    public void dismiss(Scope scope, String issueId, boolean dismissed, String actor) {
        if (!store.dismiss(scope, issueId, dismissed, actor)) {
            throw Insight.notFound(issueId);
        }
    }

    /**
     * The extended context of an insight, as a JSON object.
     *
     * @throws NotFoundException if there is no such insight in the scope, or it has no extended context
     */
    public String context(Scope scope, String issueId) {
        Insight insight = store.get(scope, issueId).orElseThrow(() -> Insight.notFound(issueId));
        String context = insight.contextJson();
        if (context == null) {
            throw new NotFoundException(
                    ErrorCode.CONTEXT_NOT_FOUND,
                    "insight '" + issueId + "' has no extended context (has_extended_context is false)");
        }
        return context;
    }

    /**
     * Imports insights from a scanner: upserts them, and records each status change as made by
     * {@code system}.
     */
    public void importInsights(List<Insight> insights) {
        store.upsert(insights);
    }

    /** The insight {@code issueId} in {@code scope}, if it is there. */
    public Optional<Insight> find(Scope scope, String issueId) {
        return store.get(scope, issueId);
    }

    /** Those of the insights {@code issueIds} that belong to the account {@code accountId}, by id: one read. */
    public Map<String, Insight> findAll(String accountId, Collection<String> issueIds) {
        return store.getAll(accountId, issueIds);
    }

    /**
     * The insight {@code issueId}, which must lie in {@code scope}.
     *
     * @throws NotFoundException if it does not
     */
    public InsightState require(Scope scope, String issueId) {
        return store.find(scope, issueId).orElseThrow(() -> Insight.notFound(issueId));
    }
}
