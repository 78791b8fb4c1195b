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
 * gave it (docs/decisions.md) — except the classification's expiry, which no import sets, so it must be empty.
 * Not thread-safe.
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
     * The last value of each field of each insight, kept small because a log holds millions of insights: a
     * table of insight ids with an int code per field, and every distinct value stored once (code 2 + its
     * index). As an Object[] per insight in a HashMap, with a String per value, the default heap spent most of
     * a verify in garbage collection.
     */
    private final InsightTable insights = new InsightTable(FIELDS);
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    private final Reporter reporter;

    StateReplay(Reporter reporter) {
        this.reporter = reporter;
    }

    void apply(long position, StoredEntry entry) {
        int slot = insights.slot(entry.issueId(), true);
        int field = index(entry.fieldChanged());
        int before = insights.code(slot, field);
        String previous = StoredEntry.textOrNull(entry.previousValue());
        if (before != UNTOUCHED && before != code(previous)) {
            String id = entry.idText();
            reporter.report(
                    position,
                    id,
                    "entry " + id + " changes "
                            + entry.fieldChanged().wireName() + " of insight " + entry.issueIdText() + " from "
                            + quote(previous) + ", but the entry before it left " + quote(value(before))
                            + ": an entry between them is missing, or this one was forged");
        }
        insights.setCode(slot, field, code(StoredEntry.textOrNull(entry.currentValue())));
    }

    /** Checks the stored state of insight {@code id} (its text as UTF-8 bytes) against what its entries left. */
    void compare(
            byte[] id,
            byte[] status,
            byte @Nullable [] classification,
            boolean dismissed,
            @Nullable String classificationExpiresOn) {
        int slot = insights.slot(id, false);
        if (slot < 0) { // no entry at all: only the expiry is known, since no import sets one
            if (classificationExpiresOn != null) {
                reportUnset(id, classificationExpiresOn);
            }
            return;
        }
        check(id, AuditField.STATUS, slot, StoredEntry.text(status));
        check(id, AuditField.USER_CLASSIFICATION, slot, StoredEntry.textOrNull(classification));
        check(id, AuditField.DISMISSED, slot, String.valueOf(dismissed));
        check(id, AuditField.CLASSIFICATION_EXPIRES_ON, slot, classificationExpiresOn);
    }

    private void check(byte[] id, AuditField field, int slot, @Nullable String stored) {
        int logged = insights.code(slot, index(field));
        if (logged == UNTOUCHED && field == AuditField.CLASSIFICATION_EXPIRES_ON) {
            if (stored != null) {
                reportUnset(id, stored);
            }
            return;
        }
        if (logged != UNTOUCHED && !Objects.equals(value(logged), stored)) {
            reporter.report(
                    0,
                    null,
                    "insight " + StoredEntry.text(id) + " has " + field.wireName() + " " + quote(stored)
                            + ", but its last entry left " + quote(value(logged))
                            + ": it was changed without an entry");
        }
    }

    private void reportUnset(byte[] id, String expiresOn) {
        reporter.report(
                0,
                null,
                "insight " + StoredEntry.text(id) + " has classification_expires_on '" + expiresOn
                        + "', but no entry ever set one (no import does): it was written without an entry");
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
