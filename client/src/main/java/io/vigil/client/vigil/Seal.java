package io.vigil.client.vigil;

/**
 * One seal: the Merkle root of positions {@code firstPosition} to {@code lastPosition}, chained to the seal before
 * by its checkpoint's hash.
 */
public record Seal(
        long number,
        long firstPosition,
        long lastPosition,
        String merkleRoot,
        long sealedAtMs,
        Checkpoint checkpoint) {}
