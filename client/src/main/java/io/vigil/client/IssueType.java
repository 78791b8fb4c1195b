package io.vigil.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The kind of an insight, the closed set of Cloudflare's schema ({@code issue_type}). */
public enum IssueType {
    @JsonProperty("compliance_violation")
    COMPLIANCE_VIOLATION,
    @JsonProperty("email_security")
    EMAIL_SECURITY,
    @JsonProperty("exposed_infrastructure")
    EXPOSED_INFRASTRUCTURE,
    @JsonProperty("insecure_configuration")
    INSECURE_CONFIGURATION,
    @JsonProperty("weak_authentication")
    WEAK_AUTHENTICATION,
    @JsonProperty("configuration_suggestion")
    CONFIGURATION_SUGGESTION,
    /** A value this client does not know (a newer server's); never sent. */
    @JsonEnumDefaultValue
    UNKNOWN;

    /** Its spelling on the wire, e.g. {@code exposed_infrastructure}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
