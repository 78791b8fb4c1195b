package io.vigil.seal;

import io.vigil.audit.AuditField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    private static final int FIELDS = 4;
    /** The code of a field no entry has touched. */
    private static final int UNTOUCHED = 0;
    /** The code of null, a value like any other (unclassified). */
    private static final int NULL = 1;

    /*
     * The last value of each field of each insight, kept small because a log holds millions of insights: an
     * open-addressing table of insight ids with FIELDS int codes each, and every distinct value stored once
     * (code 2 + its index). As an Object[] per insight in a HashMap, with a String per value, a million insights
     * took ~200 MB and the default heap spent most of a verify in garbage collection; this takes ~110 MB.
     */
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private @Nullable String[] ids = new String[1 << 10];
    private int[] fields = new int[ids.length * FIELDS];
    private int size;

    private final Reporter reporter;

    StateReplay(Reporter reporter) {
        this.reporter = reporter;
    }

    void apply(long position, StoredEntry entry) {
        String insight = entry.issueIdText();
        int at = slot(insight, true) * FIELDS + index(entry.fieldChanged());
        int before = fields[at];
        String previous = StoredEntry.textOrNull(entry.previousValue());
        if (before != UNTOUCHED && before != code(previous)) {
            String id = entry.idText();
            reporter.report(
                    position,
                    id,
                    "entry " + id + " changes "
                            + entry.fieldChanged().wireName() + " of insight " + insight + " from "
                            + quote(previous) + ", but the entry before it left " + quote(value(before))
                            + ": an entry between them is missing, or this one was forged");
        }
        fields[at] = code(StoredEntry.textOrNull(entry.currentValue()));
    }

    void compare(
            String id,
            String status,
            @Nullable String classification,
            boolean dismissed,
            @Nullable String classificationExpiresOn) {
        int slot = slot(id, false);
        if (slot < 0) {
            return;
        }
        check(id, AuditField.STATUS, slot, status);
        check(id, AuditField.USER_CLASSIFICATION, slot, classification);
        check(id, AuditField.DISMISSED, slot, String.valueOf(dismissed));
        check(id, AuditField.CLASSIFICATION_EXPIRES_ON, slot, classificationExpiresOn);
    }

    private void check(String id, AuditField field, int slot, @Nullable String stored) {
        int logged = fields[slot * FIELDS + index(field)];
        if (logged != UNTOUCHED && !Objects.equals(value(logged), stored)) {
            reporter.report(
                    0,
                    null,
                    "insight " + id + " has " + field.wireName() + " " + quote(stored) + ", but its last entry left "
                            + quote(value(logged)) + ": it was changed without an entry");
        }
    }

    /** The slot of {@code id} (linear probing); a new one if {@code add}, else -1 when it has none. */
    private int slot(String id, boolean add) {
        int mask = ids.length - 1;
        int i = mix(id.hashCode()) & mask;
        for (String held = ids[i]; held != null; held = ids[i]) {
            if (held.equals(id)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        if (!add) {
            return -1;
        }
        if (2 * (size + 1) > ids.length) { // at most half full: probes stay short
            grow();
            return slot(id, true);
        }
        ids[i] = id;
        size++;
        return i;
    }

    private void grow() {
        @Nullable String[] oldIds = ids;
        int[] oldFields = fields;
        ids = new String[oldIds.length * 2];
        fields = new int[ids.length * FIELDS];
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            String id = oldIds[i];
            if (id != null) {
                System.arraycopy(oldFields, i * FIELDS, fields, slot(id, true) * FIELDS, FIELDS);
            }
        }
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }

    private int code(@Nullable String value) {
        if (value == null) {
            return NULL;
        }
        Integer code = codes.get(value);
        if (code == null) {
            code = values.size() + 2;
            codes.put(value, code);
            values.add(value);
        }
        return code;
    }

    private @Nullable String value(int code) {
        return code == NULL ? null : values.get(code - 2);
    }

    private static int index(AuditField field) {
        return switch (field) {
            case STATUS -> 0;
            case USER_CLASSIFICATION -> 1;
            case DISMISSED -> 2;
            case CLASSIFICATION_EXPIRES_ON -> 3;
        };
    }

    private static String quote(@Nullable Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
