package io.vigil.insight;

import io.vigil.text.WireName;
import java.util.Optional;

/** The scanner's view of a finding; users never set it. */
public enum InsightStatus implements WireName {
    ACTIVE,
    RESOLVED;

    public static Optional<InsightStatus> fromWireName(String value) {
        return WireName.parse(InsightStatus.class, value);
    }
}
