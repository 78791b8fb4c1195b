package io.vigil.seal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One seal of the change log: the entries at positions {@code firstPosition..lastPosition}, the root of their
 * Merkle tree, and the hash chaining it to the seal before ({@link #hash}), with the signature of its
 * {@link Checkpoint}. Seals are numbered 1, 2, 3, … and cover consecutive positions from 1.
 *
 * @param hash SHA-256 of {@code 0x02}, the previous seal's hash (32 zero bytes for seal 1), the number, the
 *     first and last positions, the Merkle root, the time in milliseconds and the key id
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by content
public record Seal(
        long number,
        long firstPosition,
        long lastPosition,
        byte[] merkleRoot,
        byte[] hash,
        Instant sealedAt,
        String keyId,
        byte[] signature) {

    /** The hash before the first seal. */
    private static final byte[] GENESIS = new byte[Hashes.LENGTH];

    public Seal {
        Objects.requireNonNull(sealedAt, "sealedAt == null");
        Objects.requireNonNull(keyId, "keyId == null");
        if (number < 1 || firstPosition < 1 || lastPosition < firstPosition) {
            throw new IllegalArgumentException(
                    "seal " + number + " cannot cover positions " + firstPosition + ".." + lastPosition);
        }
        merkleRoot = merkleRoot.clone();
        hash = hash.clone();
        signature = signature.clone();
    }

    /**
     * Seals {@code merkleRoot} of the positions {@code first..last} after {@code previous} ({@code null} for
     * the first seal): computes the chained hash and signs the checkpoint.
     */
    public static Seal create(
            @Nullable Seal previous, long first, long last, byte[] merkleRoot, Instant sealedAt, SigningKey key) {
        Instant time = sealedAt.truncatedTo(ChronoUnit.MILLIS); // as stored
        long number = previous == null ? 1 : previous.number() + 1;
        byte[] previousHash = previous == null ? GENESIS : previous.hash();
        String keyId = key.verifyingKey().id();
        byte[] hash = chain(previousHash, number, first, last, merkleRoot, time, keyId);
        byte[] signature = key.sign(Checkpoint.body(number, last, hash, time));
        return new Seal(number, first, last, merkleRoot, hash, time, keyId, signature);
    }

    /** The previous hash of the first seal: 32 zero bytes. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** The hash this seal must have after a seal whose hash is {@code previousHash}. */
    public byte[] expectedHash(byte[] previousHash) {
        return chain(previousHash, number, firstPosition, lastPosition, merkleRoot, sealedAt, keyId);
    }

    private static byte[] chain(
            byte[] previousHash, long number, long first, long last, byte[] root, Instant sealedAt, String keyId) {
        return new Hashes(0x02)
                .hash(previousHash)
                .int64(number)
                .int64(first)
                .int64(last)
                .hash(root)
                .int64(sealedAt.toEpochMilli())
                .string(keyId)
                .sha256();
    }

    /** The signed head this seal makes: the log up to {@link #lastPosition}. */
    public Checkpoint checkpoint() {
        return new Checkpoint(number, lastPosition, hash, sealedAt, keyId, signature);
    }

    @Override
    public byte[] merkleRoot() {
        return merkleRoot.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seal s
                && number == s.number
                && firstPosition == s.firstPosition
                && lastPosition == s.lastPosition
                && Arrays.equals(merkleRoot, s.merkleRoot)
                && Arrays.equals(hash, s.hash)
                && sealedAt.equals(s.sealedAt)
                && keyId.equals(s.keyId)
                && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, lastPosition, Arrays.hashCode(hash));
    }

    @Override
    public String toString() {
        return "Seal[" + number + ": " + firstPosition + ".." + lastPosition + ", " + Hashes.hex(hash) + "]";
    }
}
