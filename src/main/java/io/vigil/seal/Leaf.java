package io.vigil.seal;

import io.vigil.audit.AuditEntry;

/**
 * The leaf hash of a change-log entry at its position: SHA-256 of {@code 0x00}, the position, then every
 * field of the entry in column order (RFC 9162's leaf prefix; the encoding is {@link Hashes}'s). The position
 * is part of the leaf, so moving an entry changes its hash as surely as editing it does.
 */
public final class Leaf {
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
}
