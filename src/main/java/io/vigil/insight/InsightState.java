package io.vigil.insight;

import org.jspecify.annotations.Nullable;

/** What the classification rules need to know of a stored insight. */
public record InsightState(
        String id,
        String accountId,
        @Nullable String zoneId,
        @Nullable Classification classification) {}
