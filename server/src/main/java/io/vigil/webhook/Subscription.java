package io.vigil.webhook;

import io.vigil.audit.AuditEntry;
import io.vigil.insight.Severity;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A webhook subscription as stored: where an account's changes go, which of them (empty sets: all), and how its
 * deliveries stand. Its secret is not here: only the deliverer unseals it, and the subscriber saw it once.
 *
 * @param position the sealed change-log position delivered up to
 * @param failures consecutive failed attempts since the last delivery
 * @param failingSince when the current run of failures began; {@code null} while deliveries succeed
 */
public record Subscription(
        String id,
        String accountId,
        String url,
        Set<String> zones,
        Set<EventKind> kinds,
        Set<Severity> severities,
        State state,
        long position,
        Instant createdAt,
        String createdBy,
        int failures,
        @Nullable Instant failingSince,
        long delivered,
        @Nullable Instant lastDelivery,
        @Nullable String lastError) {

    /** How a subscription stands: delivering, paused by a user, or failing for a day and retried slowly. */
    public enum State {
        ACTIVE,
        PAUSED,
        FAILING;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State fromWireName(String wireName) {
            return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Subscription {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(accountId, "accountId == null");
        Objects.requireNonNull(url, "url == null");
        zones = Set.copyOf(zones);
        kinds = Set.copyOf(kinds);
        severities = Set.copyOf(severities);
        Objects.requireNonNull(state, "state == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
        Objects.requireNonNull(createdBy, "createdBy == null");
    }

    /** Whether a change recorded by {@code entry} goes to this subscription, before its insight's severity is read. */
    boolean wants(AuditEntry entry) {
        return (kinds.isEmpty() || kinds.contains(EventKind.of(entry.fieldChanged())))
                && (zones.isEmpty() || (entry.zoneId() != null && zones.contains(entry.zoneId())));
    }

    /** Whether an insight of {@code severity} goes to this subscription ({@code null}: the insight is gone). */
    boolean wants(@Nullable Severity severity) {
        return severities.isEmpty() || severity == null || severities.contains(severity);
    }
}
