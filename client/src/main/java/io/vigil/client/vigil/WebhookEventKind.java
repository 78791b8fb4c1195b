package io.vigil.client.vigil;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A kind of change a subscription delivers. The last two go only to subscriptions that name them. */
public enum WebhookEventKind {
    @JsonProperty("insight.classification_changed")
    CLASSIFICATION_CHANGED("insight.classification_changed"),
    @JsonProperty("insight.dismissal_changed")
    DISMISSAL_CHANGED("insight.dismissal_changed"),
    @JsonProperty("insight.status_changed")
    STATUS_CHANGED("insight.status_changed"),
    @JsonProperty("insight.expiry_changed")
    EXPIRY_CHANGED("insight.expiry_changed"),
    /** A node found the change log rewritten and stopped sealing. */
    @JsonProperty("audit.history_broken")
    HISTORY_BROKEN("audit.history_broken"),
    /** Each seal a node makes, with its signed checkpoint. */
    @JsonProperty("audit.checkpoint")
    CHECKPOINT("audit.checkpoint"),
    /** A value this client does not know (a newer server's); never sent. */
    @JsonEnumDefaultValue
    UNKNOWN("unknown");

    private final String wireName;

    WebhookEventKind(String wireName) {
        this.wireName = wireName;
    }

    /** Its spelling on the wire, e.g. {@code insight.status_changed}. */
    public String wireName() {
        return wireName;
    }
}
