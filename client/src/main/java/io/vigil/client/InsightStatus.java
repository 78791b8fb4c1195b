package io.vigil.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the scanner still finds an insight; set by the scanner, never by users. */
public enum InsightStatus {
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("resolved")
    RESOLVED,
    /** A value this client does not know (a newer server's). */
    @JsonEnumDefaultValue
    UNKNOWN
}
