package io.vigil.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes and hashes secrets. Secrets are generated with 190+ bits of entropy, so a single SHA-256 is the
 * right hash (as for GitHub's tokens): a slow password hash would add latency to every request and no
 * protection a brute force of that space needs. Only hashes are stored. Thread-safe.
 */
public final class Secrets {
    private static final char[] TOKEN_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Copied for each hash, never used itself: looking the algorithm up in the providers cost more than hashing
     * a token, and every request hashes one.
     */
    private static final MessageDigest SHA_256 = sha256();

    private Secrets() {}

    /** A new API token: 40 characters of {@code [A-Za-z0-9_-]} (240 bits), like Cloudflare's. */
    public static String newToken() {
        char[] token = new char[40];
        for (int i = 0; i < token.length; i++) {
            token[i] = TOKEN_ALPHABET[RANDOM.nextInt(TOKEN_ALPHABET.length)];
        }
        return new String(token);
    }

    /** A new global API key: 37 lowercase hex characters (148 bits), like Cloudflare's. */
    public static String newGlobalKey() {
        byte[] bytes = new byte[19];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, 37);
    }

    /** A new public identifier (token id, user id): 32 lowercase hex characters. */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The stored form of a secret: lowercase hex SHA-256. */
    public static String hash(String secret) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Compares two hashes in time independent of where they differ. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
