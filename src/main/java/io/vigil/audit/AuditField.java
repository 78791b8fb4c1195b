package io.vigil.audit;

/** The insight fields whose changes are recorded. */
public enum AuditField {
    /** The scanner's {@code active | resolved}. */
    STATUS("status"),
    /** The user's classification. */
    USER_CLASSIFICATION("user_classification");

    private final String wireName;

    AuditField(String wireName) {
        this.wireName = wireName;
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
