package io.vigil.seal;

import java.io.ByteArrayOutputStream;
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

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

    Hashes(int prefix) {
        bytes.write(prefix);
    }

    Hashes int64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes.write((int) (value >>> shift));
        }
        return this;
    }

    Hashes string(@Nullable String value) {
        if (value == null) {
            return int32(-1);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        bytes.writeBytes(utf8);
        return this;
    }

    Hashes hash(byte[] hash) {
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException("a hash has " + LENGTH + " bytes, not " + hash.length);
        }
        bytes.writeBytes(hash);
        return this;
    }

    private Hashes int32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes.write(value >>> shift);
        }
        return this;
    }

    /** SHA-256 of everything written so far. */
    byte[] sha256() {
        return sha256(bytes.toByteArray());
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }
}
