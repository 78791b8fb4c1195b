package io.vigil.seal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The byte encoding hashed for leaves and seals: big-endian integers, strings as a 4-byte length and their
 * UTF-8 bytes, an absent string as the length {@code 0xFFFFFFFF}. Not thread-safe (one per computation).
 */
final class Hashes {
    static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    /** Cloned for each computation: {@code MessageDigest.getInstance} looks up the provider every time. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private final MessageDigest digest = newDigest();
    private final byte[] scratch = new byte[8];

    Hashes(int prefix) {
        digest.update((byte) prefix);
    }

    Hashes int64(long value) {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (value >>> (56 - 8 * i));
        }
        digest.update(scratch, 0, 8);
        return this;
    }

    Hashes string(@Nullable String value) {
        if (value == null) {
            return int32(-1);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        digest.update(utf8);
        return this;
    }

    Hashes hash(byte[] hash) {
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException("a hash has " + LENGTH + " bytes, not " + hash.length);
        }
        digest.update(hash);
        return this;
    }

    private Hashes int32(int value) {
        for (int i = 0; i < 4; i++) {
            scratch[i] = (byte) (value >>> (24 - 8 * i));
        }
        digest.update(scratch, 0, 4);
        return this;
    }

    /** SHA-256 of everything written so far; call once. */
    byte[] sha256() {
        return digest.digest();
    }

    static byte[] sha256(byte[] input) {
        return newDigest().digest(input);
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every JDK has SHA-256", impossible);
            }
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }
}
