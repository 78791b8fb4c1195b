package io.vigil.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One recorded change of one field of one insight. Entries are written in the same transaction as the
 * change they record and never updated afterwards.
 *
 * @param id a UUIDv7, so ids sort by time
 * @param zoneId the insight's zone, for zone-level insights only
 * @param previousValue {@code null} when the field was unset
 * @param currentValue {@code null} when the field was cleared
 * @param changedBy {@code system} for the scanner, else the user's email or {@code token:<id>}
 */
public record AuditEntry(
        UUID id,
        String issueId,
        String accountId,
        @Nullable String zoneId,
        AuditField fieldChanged,
        @Nullable String previousValue,
        @Nullable String currentValue,
        @Nullable String rationale,
        String changedBy,
        Instant changedAt) {

    /** The {@code changed_by} of changes made by the scanner (imports), not by a user. */
    public static final String SYSTEM = "system";

    public AuditEntry {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(issueId, "issueId == null");
        Objects.requireNonNull(accountId, "accountId == null");
        Objects.requireNonNull(fieldChanged, "fieldChanged == null");
        Objects.requireNonNull(changedBy, "changedBy == null");
        Objects.requireNonNull(changedAt, "changedAt == null");
        if (Objects.equals(previousValue, currentValue)) {
            throw new IllegalArgumentException("an audit entry records a change: " + previousValue + " twice");
        }
    }
}
