package io.vigil.client.vigil;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A signed head of the change log.
 *
 * @param seal the seal's number
 * @param size the last position it covers
 * @param hash the seal's hash, hex
 * @param keyId the signing key's id: 16 hex digits of SHA-256 over its DER public key
 * @param signature Ed25519 over {@code text}'s first five lines, base64
 * @param text the checkpoint as {@code vigil audit checkpoint} prints it
 * @param publicKey the signing key (PEM) as the database records it; only on {@link SealedLog#checkpoint()}
 */
public record Checkpoint(
        long seal,
        long size,
        String hash,
        Instant time,
        String keyId,
        String signature,
        String text,
        @Nullable String publicKey) {}
