package io.vigil.audit;

import io.vigil.tenant.Scope;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which audit entries to list: those of a scope (optionally of one insight) passing the filters, in id
 * order (ids are UUIDv7, so that is time order), after a keyset position.
 *
 * @param issueId only this insight's entries, if set
 * @param since only entries changed at or after this instant
 * @param before only entries changed before this instant
 * @param after the id of the last entry of the previous page (exclusive), in {@code order}
 * @param limit the page size
 */
public record AuditQuery(
        Scope scope,
        @Nullable String issueId,
        @Nullable Instant since,
        @Nullable Instant before,
        @Nullable String changedBy,
        @Nullable AuditField fieldChanged,
        Order order,
        @Nullable UUID after,
        int limit) {

    /** Oldest first or newest first. */
    public enum Order {
        ASC,
        DESC
    }

    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }
}
