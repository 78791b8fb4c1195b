package io.vigil.insight;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the classification rules need to know of a stored insight.
 *
 * @param classificationExpiresOn when {@code classification} expires; {@code null} if it never does
 */
public record InsightState(
        String id,
        String accountId,
        @Nullable String zoneId,
        @Nullable Classification classification,
        @Nullable Instant classificationExpiresOn) {

    /** A state with no expiry. */
    public InsightState(String id, String accountId, @Nullable String zoneId, @Nullable Classification classification) {
        this(id, accountId, zoneId, classification, null);
    }
}
