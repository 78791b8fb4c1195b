package io.vigil.seal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The byte encoding hashed for leaves and seals: big-endian integers, strings as a 4-byte length and their
 * UTF-8 bytes, an absent string as the length {@code 0xFFFFFFFF}. The encoding is gathered in a buffer and
 * digested at once; {@link #start} begins the next computation with the same digest and buffer, so a verifier
 * hashing every leaf of the log allocates neither anew. Not thread-safe (one per thread).
 */
final class Hashes {
    static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    /** Cloned for each new instance: {@code MessageDigest.getInstance} looks up the provider every time. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private final MessageDigest digest = newDigest();
    private byte[] buffer = new byte[256];
    private int length;

    Hashes(int prefix) {
        start(prefix);
    }

    /** Forgets what was written and begins a new computation with {@code prefix}. */
    Hashes start(int prefix) {
        length = 0;
        room(1);
        buffer[length++] = (byte) prefix;
        return this;
    }

    Hashes int64(long value) {
        room(8);
        for (int i = 0; i < 8; i++) {
            buffer[length++] = (byte) (value >>> (56 - 8 * i));
        }
        return this;
    }

    Hashes string(@Nullable String value) {
        return utf8(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string given as its UTF-8 bytes: the same encoding as {@link #string}, without decoding it. */
    Hashes utf8(byte @Nullable [] value) {
        if (value == null) {
            return int32(-1);
        }
        int32(value.length);
        room(value.length);
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
        return this;
    }

    Hashes hash(byte[] hash) {
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException("a hash has " + LENGTH + " bytes, not " + hash.length);
        }
        room(LENGTH);
        System.arraycopy(hash, 0, buffer, length, LENGTH);
        length += LENGTH;
        return this;
    }

    private Hashes int32(int value) {
        room(4);
        for (int i = 0; i < 4; i++) {
            buffer[length++] = (byte) (value >>> (24 - 8 * i));
        }
        return this;
    }

    private void room(int more) {
        if (buffer.length - length < more) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + more));
        }
    }

    /** SHA-256 of everything written since the start; call once per start. */
    byte[] sha256() {
        digest.update(buffer, 0, length);
        length = 0;
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
