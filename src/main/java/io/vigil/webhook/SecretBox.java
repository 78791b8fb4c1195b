package io.vigil.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals subscriptions' signing secrets for the database with AES-256-GCM under a key kept in the data directory
 * ({@value #KEY_FILE}, owner-only, made on first use), where access to the database (a dump, a backup) does not
 * reach. A signing secret cannot be hashed as tokens are: every delivery needs it. Each node that delivers needs
 * the same file, as for the sealing key. Thread-safe.
 */
public final class SecretBox {
    public static final String KEY_FILE = "webhook-secrets.key";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;

    private final Path directory;
    private final SecureRandom random;
    private byte @Nullable [] key;
    private @Nullable String keyId;

    /** The box of the key file in {@code directory}, which is read, or made, when first needed. */
    public SecretBox(Path directory, SecureRandom random) {
        this.directory = directory;
        this.random = random;
    }

    private synchronized byte[] key() {
        byte[] loaded = key;
        if (loaded == null) {
            loaded = load(directory, random);
            key = loaded;
            try {
                keyId = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(loaded), 0, 8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
        return loaded;
    }

    private static byte[] load(Path directory, SecureRandom random) {
        Path file = directory.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                random.nextBytes(fresh);
                try {
                    Files.createDirectories(directory);
                    Path temp = Files.createTempFile(directory, KEY_FILE, ".tmp");
                    try {
                        setOwnerOnly(temp);
                        Files.writeString(
                                temp, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.SYNC);
                        Files.createLink(file, temp); // fails if another process made one meanwhile
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                } catch (FileAlreadyExistsException e) {
                    // another process made it first: use theirs
                }
            }
            byte[] read = Base64.getDecoder().decode(Files.readString(file).strip());
            if (read.length != KEY_BYTES) {
                throw new IllegalStateException(file + " does not hold a 32-byte key");
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make " + file, e);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions guard it
        }
    }

    /** Names the key (a fingerprint, not the key): stored beside each sealed secret. */
    public synchronized String keyId() {
        key();
        return java.util.Objects.requireNonNull(keyId);
    }

    /** {@code secret} sealed: base64 of nonce and ciphertext. */
    public String seal(Signature secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
            byte[] sealed = cipher.doFinal(secret.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /**
     * The secret {@link #seal} sealed.
     *
     * @throws IllegalStateException if it was sealed under another key or altered
     */
    public Signature open(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Signature.parse(new String(plain, java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a signing secret does not open with " + KEY_FILE + " " + keyId, e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(keyId().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[" + directory.resolve(KEY_FILE) + "]";
    }
}
