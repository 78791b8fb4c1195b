package io.vigil.insight;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.UuidV7;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The scanner moved an insight between {@code active} and {@code resolved} (found by an import). */
public record StatusChange(
        String issueId, String accountId, @Nullable String zoneId, InsightStatus from, InsightStatus to) {

    /** The audit entry recording this change, made by {@code system}, with id {@code id} and that id's time. */
    public AuditEntry audit(UUID id) {
        return new AuditEntry(
                id,
                issueId,
                accountId,
                zoneId,
                AuditField.STATUS,
                from.wireName(),
                to.wireName(),
                null,
                AuditEntry.SYSTEM,
                UuidV7.instant(id));
    }
}
