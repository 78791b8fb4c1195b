package io.vigil.insight;

import org.jspecify.annotations.Nullable;

/** The scanner moved an insight between {@code active} and {@code resolved} (found by an import). */
public record StatusChange(
        String issueId, String accountId, @Nullable String zoneId, InsightStatus from, InsightStatus to) {}
