package io.vigil.client.vigil;

import io.vigil.client.Classification;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A bulk classification change: the same set (or reset, {@code classification} null) for every selected insight.
 *
 * @param rationale required for {@code ACCEPT_RISK} and {@code OTHER}, as on a single change
 * @param expiresOn when the classification set expires, as on a single change
 * @param dryRun answer what would happen, change nothing
 * @param ifUnchangedSince a dry run's {@link BulkOutcome#statesToken()}: refused (code 1204) if any insight changed
 */
public record BulkClassification(
        BulkSelection selection,
        @Nullable Classification classification,
        @Nullable String rationale,
        @Nullable Instant expiresOn,
        boolean dryRun,
        @Nullable String ifUnchangedSince) {
    /** Refuses {@code UNKNOWN}, which no server takes. */
    public BulkClassification {
        if (classification == Classification.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN is read from newer servers and is never sent");
        }
    }

    /** Sets {@code classification} with {@code rationale} on every selected insight. */
    public static BulkClassification set(
            BulkSelection selection, Classification classification, @Nullable String rationale) {
        return new BulkClassification(selection, classification, rationale, null, false, null);
    }

    /** Resets every selected insight to unclassified. */
    public static BulkClassification reset(BulkSelection selection) {
        return new BulkClassification(selection, null, null, null, false, null);
    }

    /** This change, expiring at {@code time}. */
    public BulkClassification expiringOn(Instant time) {
        return new BulkClassification(selection, classification, rationale, time, dryRun, ifUnchangedSince);
    }

    /** This change as a dry run: what would happen to each insight; nothing changes. */
    public BulkClassification preview() {
        return new BulkClassification(selection, classification, rationale, expiresOn, true, ifUnchangedSince);
    }

    /** This change, applied only if no insight changed since the dry run that answered {@code statesToken}. */
    public BulkClassification ifUnchangedSince(String statesToken) {
        return new BulkClassification(selection, classification, rationale, expiresOn, false, statesToken);
    }
}
