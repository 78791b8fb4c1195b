package io.vigil.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals subscriptions' signing secrets for the database with AES-256-GCM under a key kept in the data directory
 * ({@value #KEY_FILE}, owner-only), where access to the database (a dump, a backup) does not reach. A signing
 * secret cannot be hashed as tokens are: every delivery needs it. Every node of a cluster needs the same file, as
 * for the sealing key: a node makes one only while no subscription in the database is sealed under any key, and
 * reads the file again when it appears or changes (checked at most once a second), so a key copied in is used
 * without a restart. Thread-safe.
 */
public final class SecretBox {
    public static final String KEY_FILE = "webhook-secrets.key";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final Path directory;
    private final SecureRandom random;
    private final Supplier<Set<String>> keysInUse;
    private byte @Nullable [] key;
    private @Nullable String keyId;
    private @Nullable FileTime loadedAt;
    private long checkedAt;
    private boolean checked;

    /**
     * The box of the key file in {@code directory}, read when first needed, or made then if {@code keysInUse} (the
     * key ids subscriptions in the database are sealed under) is empty.
     */
    public SecretBox(Path directory, SecureRandom random, Supplier<Set<String>> keysInUse) {
        this.directory = directory;
        this.random = random;
        this.keysInUse = keysInUse;
    }

    /** Where the key file is (or is to be put). */
    public Path keyFile() {
        return directory.resolve(KEY_FILE);
    }

    private synchronized byte[] key() {
        long now = System.nanoTime();
        if (key == null || !checked || now - checkedAt >= RECHECK_NANOS) {
            checked = true;
            checkedAt = now;
            reloadIfChanged();
        }
        byte[] loaded = key;
        if (loaded == null) {
            throw new MissingKey(missing(), String.join(", ", keysInUse.get()));
        }
        return loaded;
    }

    private void reloadIfChanged() {
        Path file = keyFile();
        try {
            if (!Files.exists(file)) {
                if (key != null) {
                    return; // removed while running: keep what was read, as a running server keeps its TLS key
                }
                if (!keysInUse.get().isEmpty()) {
                    return; // never make a second key for a cluster that has one
                }
                make(file);
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (key != null && modified.equals(loadedAt)) {
                return;
            }
            byte[] read = Base64.getDecoder().decode(Files.readString(file).strip());
            if (read.length != KEY_BYTES) {
                throw new IllegalStateException(file + " does not hold a 32-byte key");
            }
            key = read;
            keyId = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(read), 0, 8);
            loadedAt = modified;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private String missing() {
        return "the webhook subscriptions in the database are sealed with key " + String.join(", ", keysInUse.get())
                + ", and " + keyFile() + " does not exist: copy " + KEY_FILE
                + " there from the node that made it (it is read without a restart)";
    }

    private void make(Path file) throws IOException {
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, KEY_FILE, ".tmp");
            try {
                setOwnerOnly(temp);
                Files.writeString(temp, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.SYNC);
                Files.createLink(file, temp); // fails if another process made one meanwhile
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            // another process made it first: use theirs
        }
    }

    /** No key can be had: the database's subscriptions are sealed under one this node has no file of. */
    public static final class MissingKey extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String needed;

        MissingKey(String message, String needed) {
            super(message);
            this.needed = needed;
        }

        /** The id of the key (or ids, comma-separated) the database's subscriptions are sealed under. */
        public String needed() {
            return needed;
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions guard it
        }
    }

    /**
     * Names the key (a fingerprint, not the key): stored beside each sealed secret.
     *
     * @throws MissingKey if there is no key file and subscriptions are sealed under a key
     */
    public synchronized String keyId() {
        key();
        return java.util.Objects.requireNonNull(keyId);
    }

    /** The key's name, or why this node has none. */
    public synchronized Optional<String> currentKeyId() {
        try {
            return Optional.of(keyId());
        } catch (MissingKey e) {
            return Optional.empty();
        }
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
        byte[] current;
        String id;
        synchronized (this) {
            current = key();
            id = java.util.Objects.requireNonNull(keyId);
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(current, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[" + directory.resolve(KEY_FILE) + "]";
    }
}
