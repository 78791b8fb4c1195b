package io.vigil.insight;

import java.util.Locale;
import java.util.Optional;

/** How bad a finding is. The insight field spells it {@code Low}; the list filter {@code low}. */
public enum Severity {
    LOW("Low"),
    MODERATE("Moderate"),
    CRITICAL("Critical");

    private final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling of the insight's {@code severity} field, e.g. {@code Moderate}. */
    public String wireName() {
        return wireName;
    }

    /** The spelling of the list filter, e.g. {@code moderate}. */
    public String queryName() {
        return wireName.toLowerCase(Locale.ROOT);
    }

    /** Parses either spelling ({@code Low} or {@code low}). */
    public static Optional<Severity> parse(String value) {
        for (Severity s : values()) {
            if (s.wireName.equals(value) || s.queryName().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
