package io.vigil.client.vigil;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The proof that a change-log entry is in the sealed log: its leaf, the RFC 9162 audit path to its seal's Merkle
 * root, the seal, and the seal's signed checkpoint (docs/extensions.md shows each step of the check).
 *
 * @param leafIndex the entry's index in its seal's tree
 * @param auditPath the sibling hashes from the leaf up, hex
 */
public record InclusionProof(
        Entry entry,
        long position,
        String leafHash,
        long leafIndex,
        long treeSize,
        List<String> auditPath,
        SealedRange seal,
        Checkpoint checkpoint) {
    /** Copies {@code auditPath}. */
    public InclusionProof {
        auditPath = List.copyOf(auditPath);
    }

    /**
     * The entry's fields exactly as hashed into its leaf.
     *
     * @param zoneId the zone's 32-hex tag (not the number Cloudflare's audit-log routes show), or {@code null}
     * @param fieldChanged {@code status}, {@code user_classification}, {@code dismissed} or {@code
     *     classification_expires_on}
     */
    public record Entry(
            String id,
            String issueId,
            String accountId,
            @Nullable String zoneId,
            String fieldChanged,
            @Nullable String previousValue,
            @Nullable String currentValue,
            @Nullable String rationale,
            String changedBy,
            long changedAtMs) {}

    /** The seal the entry is in, with the hash of the seal before it. */
    public record SealedRange(
            long number,
            long firstPosition,
            long lastPosition,
            String merkleRoot,
            String previousHash,
            long sealedAtMs) {}
}
