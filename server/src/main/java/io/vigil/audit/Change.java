package io.vigil.audit;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A change-log entry with its position in the log, and the id of the bulk that made it.
 *
 * @param bulkId {@code null} for a change made one at a time
 */
public record Change(
        long position, AuditEntry entry, @Nullable UUID bulkId) {
    /** A change made one at a time, not by a bulk. */
    public Change(long position, AuditEntry entry) {
        this(position, entry, null);
    }
}
