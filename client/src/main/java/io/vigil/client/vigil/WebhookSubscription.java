package io.vigil.client.vigil;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.client.Severity;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A webhook subscription and how its deliveries go.
 *
 * @param secret the signing secret ({@code whsec_…}); only in the answer that made or rotated it
 * @param previousSecretExpiresOn after a rotation: until when the replaced secret signs too
 * @param position the sealed change-log position delivered up to
 * @param failures failed attempts since the last delivery
 * @param lastError why the most recent failed attempt failed
 */
public record WebhookSubscription(
        String id,
        String url,
        List<String> zones,
        List<WebhookEventKind> kinds,
        List<Severity> severities,
        State state,
        @Nullable String secret,
        @Nullable Instant previousSecretExpiresOn,
        long position,
        long delivered,
        int failures,
        @Nullable Instant failingSince,
        @Nullable Instant lastDelivery,
        @Nullable String lastError,
        Instant createdOn,
        String createdBy) {
    /** Copies the lists. */
    public WebhookSubscription {
        zones = List.copyOf(zones);
        kinds = List.copyOf(kinds);
        severities = List.copyOf(severities);
    }

    /** Whether deliveries run. */
    public enum State {
        @JsonProperty("active")
        ACTIVE,
        @JsonProperty("paused")
        PAUSED,
        /** Deliveries have failed for 24 hours; still retried hourly. */
        @JsonProperty("failing")
        FAILING,
        /** A value this client does not know (a newer server's). */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
