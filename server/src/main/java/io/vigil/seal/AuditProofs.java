package io.vigil.seal;

import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import io.vigil.tenant.Scope;
import java.util.List;
import java.util.UUID;

/**
 * What the API serves of the sealed log: the newest checkpoint, the seals (which prove that a head extends an older
 * checkpoint), and the inclusion proof of one entry.
 */
public final class AuditProofs {
    private final SealStore store;

    public AuditProofs(SealStore store) {
        this.store = store;
    }

    /**
     * The newest seal's checkpoint.
     *
     * @throws NotFoundException if nothing is sealed yet
     */
    public Checkpoint checkpoint() {
        return store.head()
                .orElseThrow(() -> new NotFoundException(
                        ErrorCode.NOTHING_SEALED,
                        "the change log has no sealed entry yet; seals are made every second"))
                .checkpoint();
    }

    /**
     * At most {@code limit} seals from number {@code from} on, in order: with the seal a client kept a checkpoint
     * of first, they prove that every later head extends it (each seal's hash chains to the one before).
     */
    public List<Seal> seals(long from, int limit) {
        return store.sealsFrom(from, limit);
    }

    /**
     * The public key that signs the seals now (PEM), as the database records it: the first key, or the last one it
     * was handed over to ({@link KeyChain}).
     */
    public String publicKey() {
        String first = store.registeredKey()
                .orElseThrow(
                        () -> new NotFoundException(ErrorCode.NOTHING_SEALED, "the change log has no signing key yet"));
        return KeyChain.of(VerifyingKey.fromPem(first), store.keyChanges())
                .current()
                .pem();
    }

    /**
     * The keys that have signed the seals: the first, and each change to the next, signed by both keys (a client
     * that pinned an older key follows them to the one that signs now).
     *
     * @throws NotFoundException if nothing was sealed yet
     */
    public KeyChain keys() {
        String first = store.registeredKey()
                .orElseThrow(
                        () -> new NotFoundException(ErrorCode.NOTHING_SEALED, "the change log has no signing key yet"));
        return KeyChain.of(VerifyingKey.fromPem(first), store.keyChanges());
    }

    /**
     * The proof that entry {@code id} of {@code scope} is in the sealed log.
     *
     * @throws NotFoundException if the scope has no such entry
     * @throws ConflictException if it is not sealed yet
     */
    public InclusionProof proof(Scope scope, UUID id) {
        SealStore.SealedRange range = store.sealedRange(scope, id)
                .orElseThrow(() ->
                        new NotFoundException(ErrorCode.AUDIT_ENTRY_NOT_FOUND, "audit entry '" + id + "' not found"));
        Seal seal = range.seal();
        byte[] previousHash = range.previousHash();
        if (seal == null || previousHash == null) {
            throw new ConflictException(
                    ErrorCode.ENTRY_NOT_SEALED,
                    "audit entry '" + id + "' is not sealed yet; seals are made every second, retry");
        }
        int index = (int) (range.position() - seal.firstPosition());
        return new InclusionProof(
                range.entry(),
                range.position(),
                range.leaves().get(index),
                index,
                MerkleTree.path(range.leaves(), index),
                seal,
                previousHash);
    }
}
