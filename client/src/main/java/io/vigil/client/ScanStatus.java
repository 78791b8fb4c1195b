package io.vigil.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How far an on-demand scan got. A scan Vigil could not finish is {@code COMPLETED} with a {@link Scan#failure()}. */
public enum ScanStatus {
    @JsonProperty("in_progress")
    IN_PROGRESS,
    @JsonProperty("completed")
    COMPLETED,
    /** A value this client does not know (a newer server's). */
    @JsonEnumDefaultValue
    UNKNOWN
}
