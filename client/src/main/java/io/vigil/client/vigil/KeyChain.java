package io.vigil.client.vigil;

import java.time.Instant;
import java.util.List;

/**
 * The keys that sign the change log: the first, and each hand-over to the next, signed by both.
 *
 * @param firstKey the first key, PEM
 * @param currentKeyId the id of the key that signs now
 */
public record KeyChain(String firstKeyId, String firstKey, String currentKeyId, List<Change> changes) {
    /** Copies {@code changes}. */
    public KeyChain {
        changes = List.copyOf(changes);
    }

    /**
     * One hand-over from a key to the next.
     *
     * @param publicKey the key brought in, PEM
     * @param afterSeal the newest seal when the key changed (0: before the first)
     * @param text the seven lines both keys signed
     */
    public record Change(
            long change,
            String fromKeyId,
            String toKeyId,
            String publicKey,
            long afterSeal,
            String afterHash,
            Instant time,
            String text,
            String fromSignature,
            String toSignature) {}
}
