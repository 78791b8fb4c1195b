package io.vigil.insight;

import io.vigil.audit.AuditEntry;
import org.jspecify.annotations.Nullable;

/**
 * A compare-and-set of one insight's classification plus the audit entry recording it: the store
 * applies both in one transaction, and only if the classification is still {@code expected}.
 */
public record ClassificationUpdate(
        String issueId,
        @Nullable Classification expected,
        @Nullable Classification next,
        AuditEntry audit) {}
