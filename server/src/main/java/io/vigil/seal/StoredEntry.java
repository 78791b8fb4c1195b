package io.vigil.seal;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A change-log entry as a store reads it for verification: its text columns as the UTF-8 bytes stored, so that
 * its leaf hash is computed from what is stored without decoding and encoding it again ({@link Leaf#hash(long,
 * StoredEntry, Hashes)}), and text is made only of what the checks compare or report. The columns are those of
 * {@link AuditEntry}, in its order; the changed field is parsed, as any other reader of the log would.
 *
 * @param position null for an entry that has none (it was inserted or its position removed)
 * @param leafHash the leaf hash written with the entry, if any
 * @param changedAtMs {@link AuditEntry#changedAt()} in milliseconds since the epoch
 */
@SuppressWarnings("ArrayRecordComponent") // read, handed to the verifier and dropped; never compared as a whole
public record StoredEntry(
        @Nullable Long position,
        byte @Nullable [] leafHash,
        byte[] id,
        byte[] issueId,
        byte[] accountId,
        byte @Nullable [] zoneId,
        AuditField fieldChanged,
        byte @Nullable [] previousValue,
        byte @Nullable [] currentValue,
        byte @Nullable [] rationale,
        byte[] changedBy,
        long changedAtMs) {

    /** {@code entry} as a store would give it, at {@code position} with {@code leafHash}. */
    public static StoredEntry of(@Nullable Long position, byte @Nullable [] leafHash, AuditEntry entry) {
        return new StoredEntry(
                position,
                leafHash,
                utf8(entry.id().toString()),
                utf8(entry.issueId()),
                utf8(entry.accountId()),
                utf8OrNull(entry.zoneId()),
                entry.fieldChanged(),
                utf8OrNull(entry.previousValue()),
                utf8OrNull(entry.currentValue()),
                utf8OrNull(entry.rationale()),
                utf8(entry.changedBy()),
                entry.changedAt().toEpochMilli());
    }

    /** The entry's id as text, for a report. */
    String idText() {
        return text(id);
    }

    /** The insight's id as text. */
    String issueIdText() {
        return text(issueId);
    }

    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    static @Nullable String textOrNull(byte @Nullable [] utf8) {
        return utf8 == null ? null : text(utf8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte @Nullable [] utf8OrNull(@Nullable String text) {
        return text == null ? null : utf8(text);
    }
}
