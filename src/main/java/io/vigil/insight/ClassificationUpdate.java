package io.vigil.insight;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.UuidV7;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A compare-and-set of one insight's classification, and who made it and why: the store applies it only if
 * the classification is still {@code expected}, and then records {@link #audit its audit entry} in the same
 * transaction.
 */
public record ClassificationUpdate(
        String issueId,
        String accountId,
        @Nullable String zoneId,
        @Nullable Classification expected,
        @Nullable Classification next,
        @Nullable String rationale,
        String changedBy) {

    /**
     * The audit entry recording this change, with id {@code id} and that id's time. The store stamps it when
     * the compare-and-set has matched, so one insight's entries sort in the order its changes were committed.
     */
    public AuditEntry audit(UUID id) {
        return new AuditEntry(
                id,
                issueId,
                accountId,
                zoneId,
                AuditField.USER_CLASSIFICATION,
                wireName(expected),
                wireName(next),
                rationale,
                changedBy,
                UuidV7.instant(id));
    }

    private static @Nullable String wireName(@Nullable Classification classification) {
        return classification == null ? null : classification.wireName();
    }
}
