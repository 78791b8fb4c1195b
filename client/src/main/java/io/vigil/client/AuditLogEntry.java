package io.vigil.client;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change of an insight's {@code status} or {@code user_classification}, as the audit-log routes answer it.
 *
 * @param id a UUIDv7, time-ordered
 * @param fieldChanged {@code status} or {@code user_classification}
 * @param changedBy {@code system}, or who made the change ({@code token:<id>}, a user)
 * @param zoneId the zone's numeric id, only on zone-level insights (Cloudflare types it as a number)
 * @param changedByName Vigil's: who made the change in words a person knows; {@code null} on Cloudflare
 * @param bulkId Vigil's: the bulk change this entry was part of, if any
 */
public record AuditLogEntry(
        String id,
        String issueId,
        String fieldChanged,
        @Nullable String previousValue,
        @Nullable String currentValue,
        @Nullable String rationale,
        String changedBy,
        Instant changedAt,
        @Nullable Long zoneId,
        @Nullable String changedByName,
        @Nullable String bulkId) {}
