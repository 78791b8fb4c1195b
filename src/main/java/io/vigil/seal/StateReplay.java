package io.vigil.seal;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Replays the change log per insight and field: each entry must start from the value the entry before it left
 * (else one was removed or forged), and an insight's stored state must be the value its last entry left (else
 * it was changed without an entry). A field no entry has touched is not checked: it holds what the import
 * gave it (docs/decisions.md). Not thread-safe.
 */
final class StateReplay {
    /** Receives a break. */
    @FunctionalInterface
    interface Reporter {
        void report(long position, @Nullable String entryId, String message);
    }

    private static final int FIELDS = 3;
    /** Marks a field no entry has touched (null is a value: unclassified). */
    private static final Object UNTOUCHED = new Object();

    private final Map<String, @Nullable Object[]> last = new HashMap<>();
    private final Reporter reporter;

    StateReplay(Reporter reporter) {
        this.reporter = reporter;
    }

    void apply(long position, AuditEntry entry) {
        @Nullable Object[] values = last.computeIfAbsent(entry.issueId(), id -> untouched());
        int field = index(entry.fieldChanged());
        Object before = values[field];
        if (before != UNTOUCHED && !Objects.equals(before, entry.previousValue())) {
            reporter.report(
                    position,
                    entry.id().toString(),
                    "entry " + entry.id() + " changes "
                            + entry.fieldChanged().wireName() + " of insight " + entry.issueId() + " from "
                            + quote(entry.previousValue()) + ", but the entry before it left " + quote(before)
                            + ": an entry between them is missing, or this one was forged");
        }
        values[field] = entry.currentValue();
    }

    void compare(String id, String status, @Nullable String classification, boolean dismissed) {
        @Nullable Object[] values = last.get(id);
        if (values == null) {
            return;
        }
        check(id, AuditField.STATUS, values, status);
        check(id, AuditField.USER_CLASSIFICATION, values, classification);
        check(id, AuditField.DISMISSED, values, String.valueOf(dismissed));
    }

    private void check(String id, AuditField field, @Nullable Object[] values, @Nullable String stored) {
        Object logged = values[index(field)];
        if (logged != UNTOUCHED && !Objects.equals(logged, stored)) {
            reporter.report(
                    0,
                    null,
                    "insight " + id + " has " + field.wireName() + " " + quote(stored) + ", but its last entry left "
                            + quote(logged) + ": it was changed without an entry");
        }
    }

    private static int index(AuditField field) {
        return switch (field) {
            case STATUS -> 0;
            case USER_CLASSIFICATION -> 1;
            case DISMISSED -> 2;
        };
    }

    private static @Nullable Object[] untouched() {
        @Nullable Object[] values = new Object[FIELDS];
        Arrays.fill(values, UNTOUCHED);
        return values;
    }

    private static String quote(@Nullable Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
