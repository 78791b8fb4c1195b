package io.vigil.insight;

import io.vigil.audit.AuditEntry;
import java.util.List;
import java.util.Optional;

/** The persistence port for insights. Implementations are thread-safe. */
public interface InsightStore {

    /** The insight {@code issueId} if it lies in {@code scope}. */
    Optional<InsightState> find(Scope scope, String issueId);

    /**
     * Atomically sets the classification if it is still {@link ClassificationUpdate#expected()} and
     * records the audit entry; returns only once both are durably committed.
     *
     * @return {@code false}, with nothing written, if the classification had changed
     */
    boolean apply(ClassificationUpdate update);

    /** Inserts or updates insights by id, all or nothing. */
    void upsert(List<Insight> insights);

    /** The audit entries of one insight, oldest first. */
    List<AuditEntry> auditTrail(String issueId);
}
