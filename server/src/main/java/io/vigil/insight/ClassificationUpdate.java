package io.vigil.insight;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.UuidV7;
import io.vigil.error.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A compare-and-set of one insight's classification and its expiry, and who made it and why: the store applies
 * it only if both are still as {@code expected} and {@code expectedExpiry} say, and then records {@link #entries
 * its change-log entries} in the same transaction: one for the classification if it changes, one for the
 * expiry if that changes.
 */
public record ClassificationUpdate(
        String issueId,
        String accountId,
        @Nullable String zoneId,
        @Nullable Classification expected,
        @Nullable Classification next,
        @Nullable String rationale,
        String changedBy,
        @Nullable Instant expectedExpiry,
        @Nullable Instant nextExpiry) {

    public ClassificationUpdate {
        if (expected == next && Objects.equals(expectedExpiry, nextExpiry)) {
            throw new IllegalArgumentException("an update must change something: " + issueId);
        }
        if (next == null && nextExpiry != null) {
            throw new IllegalArgumentException("no classification, nothing to expire: " + issueId);
        }
    }

    /**
     * What {@code request} does to {@code insight} on behalf of {@code actor} at {@code now}: the compare-and-set
     * with its entries, or {@code null} if the insight already has the requested value.
     *
     * @throws ConflictException if the request changes one classification directly into another
     * @throws io.vigil.error.InvalidRequestException if the expiry is outside {@code expiry}'s policy
     */
    public static @Nullable ClassificationUpdate decide(
            InsightState insight, ClassificationRequest request, String actor, ExpiryPolicy expiry, Instant now) {
        Instant expires = insight.classificationExpiresOn();
        Classification to = request.classification();
        Instant nextExpiry = switch (Transition.decide(insight.classification(), request)) {
            // the same classification again: a new expiry moves it; none keeps the one it has
            case Transition.Unchanged unchanged -> request.expiresOn() == null ? expires : request.expiresOn();
            case Transition.Change change -> request.expiresOn();
        };
        if (to == insight.classification() && Objects.equals(nextExpiry, expires)) {
            return null;
        }
        if (to != null) {
            expiry.check(to, nextExpiry, now);
        }
        return new ClassificationUpdate(
                insight.id(),
                insight.accountId(),
                insight.zoneId(),
                insight.classification(),
                to,
                request.rationale(),
                actor,
                expires,
                nextExpiry);
    }

    /** The reset, by {@code system}, of {@code insight}'s classification if its expiry has passed at {@code now}; else null. */
    public static @Nullable ClassificationUpdate expired(InsightState insight, Instant now) {
        Instant expires = insight.classificationExpiresOn();
        Classification classification = insight.classification();
        if (classification == null || expires == null || expires.isAfter(now)) {
            return null;
        }
        return new ClassificationUpdate(
                insight.id(),
                insight.accountId(),
                insight.zoneId(),
                classification,
                null,
                "classification '" + classification.wireName() + "' expired on " + AuditField.instantValue(expires),
                AuditEntry.SYSTEM,
                expires,
                null);
    }

    /**
     * The entries recording this change, each with an id from {@code ids} and that id's time. The store stamps
     * them when the compare-and-set has matched, so one insight's entries sort in the order its changes were
     * committed.
     */
    public List<AuditEntry> entries(Supplier<UUID> ids) {
        List<AuditEntry> entries = new ArrayList<>(2);
        if (expected != next) {
            entries.add(entry(ids.get(), AuditField.USER_CLASSIFICATION, wireName(expected), wireName(next)));
        }
        if (!Objects.equals(expectedExpiry, nextExpiry)) {
            entries.add(entry(
                    ids.get(), AuditField.CLASSIFICATION_EXPIRES_ON, instant(expectedExpiry), instant(nextExpiry)));
        }
        return entries;
    }

    private AuditEntry entry(UUID id, AuditField field, @Nullable String from, @Nullable String to) {
        return new AuditEntry(
                id, issueId, accountId, zoneId, field, from, to, rationale, changedBy, UuidV7.instant(id));
    }

    private static @Nullable String wireName(@Nullable Classification classification) {
        return classification == null ? null : classification.wireName();
    }

    private static @Nullable String instant(@Nullable Instant at) {
        return at == null ? null : AuditField.instantValue(at);
    }
}
