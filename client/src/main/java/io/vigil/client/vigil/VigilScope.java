package io.vigil.client.vigil;

import io.vigil.client.Insight;
import io.vigil.client.Paged;

/** Vigil's operations on an account or a zone. */
public interface VigilScope {
    /**
     * The insights whose classification expires within {@code withinDays} days (1 to 3650; already due but not yet
     * reset included), soonest first, page by page as iterated.
     */
    Paged<Insight> expiring(int withinDays);

    /** As {@link #expiring(int)}, {@code perPage} insights per request (1 to 1000). */
    Paged<Insight> expiring(int withinDays, int perPage);

    /** Bulk classification and dismissal: up to 1,000 insights at once, all or nothing, or previewed. */
    Bulk bulk();

    /**
     * The inclusion proof of a change-log entry (an audit-log entry's {@code id}): {@code ConflictException} code
     * 1202 until the entry is sealed (within seconds), {@code NotFoundException} code 1102 for one the scope lacks.
     */
    InclusionProof proof(String entryId);
}
