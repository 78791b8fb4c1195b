package io.vigil.insight;

import java.util.Optional;

/** The families of insights Security Center reports. */
public enum IssueType {
    COMPLIANCE_VIOLATION("compliance_violation"),
    EMAIL_SECURITY("email_security"),
    EXPOSED_INFRASTRUCTURE("exposed_infrastructure"),
    INSECURE_CONFIGURATION("insecure_configuration"),
    WEAK_AUTHENTICATION("weak_authentication"),
    CONFIGURATION_SUGGESTION("configuration_suggestion");

    private final String wireName;

    IssueType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<IssueType> fromWireName(String value) {
        for (IssueType t : values()) {
            if (t.wireName.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
