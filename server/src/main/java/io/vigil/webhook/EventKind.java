package io.vigil.webhook;

import io.vigil.audit.AuditField;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a delivery tells of: one kind per field the change log records, and two kinds about the change log itself
 * (each new checkpoint, the alarm of a rewritten history), named as the payload's {@code type}.
 */
public enum EventKind {
    CLASSIFICATION("insight.classification_changed", AuditField.USER_CLASSIFICATION),
    DISMISSAL("insight.dismissal_changed", AuditField.DISMISSED),
    STATUS("insight.status_changed", AuditField.STATUS),
    EXPIRY("insight.expiry_changed", AuditField.CLASSIFICATION_EXPIRES_ON),
    /**
     * Not a change: a node found that the database no longer extends the change log it sealed, and stopped
     * sealing. Sent only to subscriptions that name it ({@link Announcer}).
     */
    HISTORY_BROKEN("audit.history_broken", null),
    /**
     * Not a change: a seal this node made, with its signed checkpoint, so a receiver can keep every head outside
     * Vigil (a witness). Sent only to subscriptions that name it ({@link Announcer}).
     */
    CHECKPOINT("audit.checkpoint", null);

    private final String wireName;
    private final @Nullable AuditField field;

    EventKind(String wireName, @Nullable AuditField field) {
        this.wireName = wireName;
        this.field = field;
    }

    /** The payload's {@code type}, and how subscriptions name the kind. */
    public String wireName() {
        return wireName;
    }

    /** The kind of a change of {@code field}. */
    public static EventKind of(AuditField field) {
        for (EventKind kind : values()) {
            if (kind.field == field) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no event kind for " + field);
    }

    /** The kind spelled {@code wireName}, if any. */
    public static Optional<EventKind> fromWireName(String wireName) {
        for (EventKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
