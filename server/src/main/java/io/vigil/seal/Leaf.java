package io.vigil.seal;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The leaf hash of a change-log entry at its position: SHA-256 of {@code 0x00}, the position, then every
 * field of the entry in column order (RFC 9162's leaf prefix; the encoding is {@link Hashes}'s). The position
 * is part of the leaf, so moving an entry changes its hash as surely as editing it does.
 */
public final class Leaf {
    /** {@link AuditField#wireName()} of each field, as hashed. */
    private static final Map<AuditField, byte[]> WIRE_NAMES = new EnumMap<>(AuditField.class);

    static {
        for (AuditField field : AuditField.values()) {
            WIRE_NAMES.put(field, field.wireName().getBytes(StandardCharsets.UTF_8));
        }
    }

    private Leaf() {}

    public static byte[] hash(long position, AuditEntry entry) {
        return new Hashes(0x00)
                .int64(position)
                .string(entry.id().toString())
                .string(entry.issueId())
                .string(entry.accountId())
                .string(entry.zoneId())
                .string(entry.fieldChanged().wireName())
                .string(entry.previousValue())
                .string(entry.currentValue())
                .string(entry.rationale())
                .string(entry.changedBy())
                .int64(entry.changedAt().toEpochMilli())
                .sha256();
    }

    /**
     * The leaf hash of an entry read as stored, computed from its bytes with {@code hashes} (started anew): the
     * same as {@link #hash(long, AuditEntry)} of the entry they spell.
     */
    static byte[] hash(long position, StoredEntry entry, Hashes hashes) {
        return hashes.start(0x00)
                .int64(position)
                .utf8(entry.id())
                .utf8(entry.issueId())
                .utf8(entry.accountId())
                .utf8(entry.zoneId())
                .utf8(WIRE_NAMES.get(entry.fieldChanged()))
                .utf8(entry.previousValue())
                .utf8(entry.currentValue())
                .utf8(entry.rationale())
                .utf8(entry.changedBy())
                .int64(entry.changedAtMs())
                .sha256();
    }
}
