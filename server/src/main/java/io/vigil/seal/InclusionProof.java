package io.vigil.seal;

import io.vigil.audit.AuditEntry;
import java.util.List;

/**
 * The proof that a change-log entry is in the sealed log: its position and leaf hash, the audit path from the
 * leaf to its seal's Merkle root (RFC 9162), the seal, and the hash of the seal before it, from which the seal's
 * hash and so its signed checkpoint follow.
 *
 * @param leafIndex the leaf's index in its seal's tree ({@code position - seal.firstPosition()})
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out
public record InclusionProof(
        AuditEntry entry,
        long position,
        byte[] leafHash,
        long leafIndex,
        List<byte[]> auditPath,
        Seal seal,
        byte[] previousHash) {

    public InclusionProof {
        leafHash = leafHash.clone();
        auditPath = List.copyOf(auditPath);
        previousHash = previousHash.clone();
    }

    @Override
    public byte[] leafHash() {
        return leafHash.clone();
    }

    @Override
    public byte[] previousHash() {
        return previousHash.clone();
    }

    /** The number of leaves of the seal's tree. */
    public long treeSize() {
        return seal.lastPosition() - seal.firstPosition() + 1;
    }
}
