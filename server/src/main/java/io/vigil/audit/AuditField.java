package io.vigil.audit;

import io.vigil.text.WireName;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The insight fields whose changes are recorded in the change log, spelled in {@code field_changed} as their {@link WireName}. */
public enum AuditField implements WireName {
    /** The scanner's {@code active | resolved}. */
    STATUS(true),
    /** The user's classification. */
    USER_CLASSIFICATION(true),
    /**
     * Whether the insight is dismissed ({@code true | false}): recorded, but not shown by Cloudflare's audit-log
     * routes, whose {@code field_changed} is only ever one of the two above.
     */
    DISMISSED(false),
    /**
     * When the classification expires (RFC 3339, or none): recorded, not shown by Cloudflare's audit-log routes.
     * Set with a classification, moved by classifying again with another expiry, cleared by a reset.
     */
    CLASSIFICATION_EXPIRES_ON(false);

    private final boolean inCloudflareView;

    AuditField(boolean inCloudflareView) {
        this.inCloudflareView = inCloudflareView;
    }

    /** Whether Cloudflare's audit-log routes show changes of this field. */
    public boolean inCloudflareView() {
        return inCloudflareView;
    }

    /** How an entry of {@link #CLASSIFICATION_EXPIRES_ON} spells a time: RFC 3339 in UTC, to the millisecond. */
    public static String instantValue(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** The constant spelled {@code wireName}; throws for anything else. */
    public static AuditField fromWireName(String wireName) {
        return WireName.parse(AuditField.class, wireName)
                .orElseThrow(() -> new IllegalArgumentException("unknown audit field: " + wireName));
    }
}
