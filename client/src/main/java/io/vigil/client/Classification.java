package io.vigil.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user's classification of an insight. "Unclassified" is the absence of a value ({@code null}); a value can be set
 * from unclassified or reset to it, never changed directly to another (the server answers 409).
 */
public enum Classification {
    @JsonProperty("false_positive")
    FALSE_POSITIVE("false_positive"),
    /** Needs a rationale. */
    @JsonProperty("accept_risk")
    ACCEPT_RISK("accept_risk"),
    /** Needs a rationale. */
    @JsonProperty("other")
    OTHER("other"),
    /** A value this client does not know (a newer server's); never sent. */
    @JsonEnumDefaultValue
    UNKNOWN("unknown");

    private final String wireName;

    Classification(String wireName) {
        this.wireName = wireName;
    }

    /** Its spelling on the wire, e.g. {@code accept_risk}. */
    public String wireName() {
        return wireName;
    }
}
