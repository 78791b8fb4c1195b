package io.vigil.insight;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import java.time.InstantSource;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Classifies insights: reads the current state, lets {@link Transition#decide} rule, and asks the store
 * for a compare-and-set. No Java lock is involved, so the same holds across processes and nodes: if
 * another writer got there first, the decision is taken again on the new state. Thread-safe.
 */
public final class InsightService {
    /** How often a request re-decides after losing a race before it gives up with a 409. */
    static final int MAX_ATTEMPTS = 4;

    private final InsightStore store;
    private final InstantSource clock;
    private final Supplier<UUID> ids;

    public InsightService(InsightStore store, InstantSource clock, Supplier<UUID> ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Applies {@code request} to the insight {@code issueId} in {@code scope} on behalf of {@code actor}.
     *
     * @throws NotFoundException if there is no such insight in the scope
     * @throws ConflictException if the request changes one classification directly into another
     */
    public void classify(Scope scope, String issueId, ClassificationRequest request, String actor) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            InsightState insight = store.find(scope, issueId).orElseThrow(() -> notFound(issueId));
            switch (Transition.decide(insight.classification(), request)) {
                case Transition.Unchanged unchanged -> {
                    return;
                }
                case Transition.Change change -> {
                    AuditEntry entry = new AuditEntry(
                            ids.get(),
                            insight.id(),
                            insight.accountId(),
                            insight.zoneId(),
                            AuditField.USER_CLASSIFICATION,
                            wireName(change.from()),
                            wireName(change.to()),
                            change.rationale(),
                            actor,
                            clock.instant());
                    if (store.apply(new ClassificationUpdate(insight.id(), change.from(), change.to(), entry))) {
                        return;
                    }
                }
            }
        }
        throw new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "insight '" + issueId + "' changed " + MAX_ATTEMPTS + " times while this request was applied; retry");
    }

    static NotFoundException notFound(String issueId) {
        return new NotFoundException(ErrorCode.INSIGHT_NOT_FOUND, "insight '" + issueId + "' not found");
    }

    private static @Nullable String wireName(@Nullable Classification classification) {
        return classification == null ? null : classification.wireName();
    }
}
