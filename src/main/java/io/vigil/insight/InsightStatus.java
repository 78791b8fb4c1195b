package io.vigil.insight;

import java.util.Optional;

/** The scanner's view of a finding; users never set it. */
public enum InsightStatus {
    ACTIVE("active"),
    RESOLVED("resolved");

    private final String wireName;

    InsightStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<InsightStatus> fromWireName(String value) {
        for (InsightStatus s : values()) {
            if (s.wireName.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
