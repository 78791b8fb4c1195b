package io.vigil.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH …/classification}: a classification to set, or {@code null} to reset it.
 *
 * @param rationale why; required for {@link Classification#ACCEPT_RISK} and {@link Classification#OTHER}
 * @param expiresOn Vigil's: when the classification set expires (Vigil resets it then); Cloudflare ignores it
 */
public record ClassificationUpdate(
        @Nullable Classification classification,
        @Nullable String rationale,
        @Nullable Instant expiresOn) {
    /** Refuses {@link Classification#UNKNOWN}, which no server takes, and an expiry on a reset. */
    public ClassificationUpdate {
        if (classification == Classification.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN is read from newer servers and is never sent");
        }
        if (classification == null && expiresOn != null) {
            throw new IllegalArgumentException("a reset (classification null) takes no expiresOn");
        }
    }

    /** Sets {@code classification} with {@code rationale} ({@code null}: none). */
    public static ClassificationUpdate set(Classification classification, @Nullable String rationale) {
        return new ClassificationUpdate(classification, rationale, null);
    }

    /** Resets the classification to unclassified. */
    public static ClassificationUpdate reset() {
        return new ClassificationUpdate(null, null, null);
    }

    /** This update, expiring at {@code time} (Vigil's extension). */
    public ClassificationUpdate expiringOn(Instant time) {
        return new ClassificationUpdate(classification, rationale, time);
    }

    /** The JSON body; {@code classification} always present ({@code null} is the reset), the rest when set. */
    ObjectNode body() {
        ObjectNode body = Json.object();
        if (classification == null) {
            body.putNull("classification");
        } else {
            body.put("classification", classification.wireName());
        }
        if (rationale != null) {
            body.put("rationale", rationale);
        }
        if (expiresOn != null) {
            body.put("expires_on", expiresOn.toString());
        }
        return body;
    }
}
