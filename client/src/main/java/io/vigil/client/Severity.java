package io.vigil.client;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * An insight's severity. The insight carries it capitalised ({@code Critical}); the {@code severity} filter takes it
 * in lower case ({@link #wireName()}).
 */
public enum Severity {
    @JsonProperty("Low")
    @JsonAlias("low")
    LOW,
    @JsonProperty("Moderate")
    @JsonAlias("moderate")
    MODERATE,
    @JsonProperty("Critical")
    @JsonAlias("critical")
    CRITICAL,
    /** A value this client does not know (a newer server's); never sent. */
    @JsonEnumDefaultValue
    UNKNOWN;

    /** Its spelling in a filter, e.g. {@code critical}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
