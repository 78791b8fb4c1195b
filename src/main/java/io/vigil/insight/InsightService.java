package io.vigil.insight;

import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import io.vigil.tenant.Scope;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Classifies insights: the store reads the current state in its writer, {@link Transition#decide} rules on
 * it, and the store applies the result as a compare-and-set. No Java lock is involved, so the same holds
 * across processes and nodes: if another writer got there first, the decision is taken again on the new
 * state. Thread-safe.
 */
public final class InsightService {
    /** How often a request re-decides after losing a race before it gives up with a 409. */
    static final int MAX_ATTEMPTS = 4;

    private final InsightStore store;

    public InsightService(InsightStore store) {
        this.store = store;
    }

    /**
     * Applies {@code request} to the insight {@code issueId} in {@code scope} on behalf of {@code actor}.
     *
     * @throws NotFoundException if there is no such insight in the scope
     * @throws ConflictException if the request changes one classification directly into another
     */
    public void classify(Scope scope, String issueId, ClassificationRequest request, String actor) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            switch (store.classify(scope, issueId, insight -> update(insight, request, actor))) {
                case CHANGED, UNCHANGED -> {
                    return;
                }
                case NOT_FOUND -> throw notFound(issueId);
                case RACED -> {} // decide again, on the new state
            }
        }
        throw new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "insight '" + issueId + "' changed " + MAX_ATTEMPTS + " times while this request was applied; retry");
    }

    /**
     * What {@code request} does to {@code insight}: the compare-and-set with its audit entry, or {@code null}
     * if the insight already has the requested value.
     *
     * @throws ConflictException if the request changes one classification directly into another
     */
    private @Nullable ClassificationUpdate update(InsightState insight, ClassificationRequest request, String actor) {
        return switch (Transition.decide(insight.classification(), request)) {
            case Transition.Unchanged unchanged -> null;
            case Transition.Change change ->
                new ClassificationUpdate(
                        insight.id(),
                        insight.accountId(),
                        insight.zoneId(),
                        change.from(),
                        change.to(),
                        change.rationale(),
                        actor);
        };
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
            throw notFound(issueId);
        }
    }

    /**
     * The extended context of an insight, as a JSON object.
     *
     * @throws NotFoundException if there is no such insight in the scope, or it has no extended context
     */
    public String context(Scope scope, String issueId) {
        Insight insight = store.get(scope, issueId).orElseThrow(() -> notFound(issueId));
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

    /**
     * The insight {@code issueId}, which must lie in {@code scope}.
     *
     * @throws NotFoundException if it does not
     */
    public InsightState require(Scope scope, String issueId) {
        return store.find(scope, issueId).orElseThrow(() -> notFound(issueId));
    }

    static NotFoundException notFound(String issueId) {
        return new NotFoundException(ErrorCode.INSIGHT_NOT_FOUND, "insight '" + issueId + "' not found");
    }
}
