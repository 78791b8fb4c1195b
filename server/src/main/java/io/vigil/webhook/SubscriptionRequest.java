package io.vigil.webhook;

import io.vigil.insight.Severity;
import java.util.Objects;
import java.util.Set;

/** What a user asks to subscribe: a receiver URL and, optionally, the zones, kinds and severities (empty: all). */
public record SubscriptionRequest(String url, Set<String> zones, Set<EventKind> kinds, Set<Severity> severities) {
    public SubscriptionRequest {
        Objects.requireNonNull(url, "url == null");
        zones = Set.copyOf(zones);
        kinds = Set.copyOf(kinds);
        severities = Set.copyOf(severities);
    }
}
