package io.vigil.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The insight fields whose changes are recorded in the change log. */
public enum AuditField {
    /** The scanner's {@code active | resolved}. */
    STATUS("status", true),
    /** The user's classification. */
    USER_CLASSIFICATION("user_classification", true),
    /**
     * Whether the insight is dismissed ({@code true | false}): recorded, but not shown by Cloudflare's audit-log
     * routes, whose {@code field_changed} is only ever one of the two above.
     */
    DISMISSED("dismissed", false),
    /**
     * When the classification expires (RFC 3339, or none): recorded, not shown by Cloudflare's audit-log routes.
     * Set with a classification, moved by classifying again with another expiry, cleared by a reset.
     */
    CLASSIFICATION_EXPIRES_ON("classification_expires_on", false);

    private final String wireName;
    private final boolean inCloudflareView;

    AuditField(String wireName, boolean inCloudflareView) {
        this.wireName = wireName;
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

    /** The value as the API spells it in {@code field_changed}. */
    public String wireName() {
        return wireName;
    }

    /** The constant spelled {@code wireName}; throws for anything else. */
    public static AuditField fromWireName(String wireName) {
        for (AuditField f : values()) {
            if (f.wireName.equals(wireName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown audit field: " + wireName);
    }
}
