package io.vigil.audit;

import java.util.List;

/** One page of audit entries, and whether more follow in the query's order. */
public record AuditPage(List<AuditEntry> entries, boolean hasMore) {
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
