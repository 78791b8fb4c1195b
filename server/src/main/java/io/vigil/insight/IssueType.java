package io.vigil.insight;

import io.vigil.text.WireName;
import java.util.Optional;

/** The families of insights Security Center reports. */
public enum IssueType implements WireName {
    COMPLIANCE_VIOLATION,
    EMAIL_SECURITY,
    EXPOSED_INFRASTRUCTURE,
    INSECURE_CONFIGURATION,
    WEAK_AUTHENTICATION,
    CONFIGURATION_SUGGESTION;

    public static Optional<IssueType> fromWireName(String value) {
        return WireName.parse(IssueType.class, value);
    }
}
