package io.vigil.seal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What sealing keeps beside the database, in the data directory, where write access to the database does not
 * reach: the signing key ({@value #KEY_FILE}, owner-only), the newest checkpoint this node sealed or saw
 * ({@value #HEAD_FILE}), which its sealer and {@code vigil audit verify} check the log still extends, and the
 * evidence of a history that did not ({@code audit-evidence-*.txt}). Thread-safe.
 */
public final class SealFiles implements HeadKeeper {
    public static final String KEY_FILE = "audit-key.pem";
    public static final String HEAD_FILE = "audit-head.checkpoint";
    /** The public key {@code vigil audit verify} pinned here the first time it had no other to trust. */
    public static final String PINNED_KEY_FILE = "audit-key.pub";

    private static final Logger LOG = LoggerFactory.getLogger(SealFiles.class);

    private final Path directory;
    private final Path keyDirectory;
    private @Nullable String lastWarning;

    public SealFiles(Path directory) {
        this(directory, directory);
    }

    /** The files of {@code directory}, with the signing key in {@code keyDirectory} (shared by every node). */
    public SealFiles(Path directory, Path keyDirectory) {
        this.directory = directory;
        this.keyDirectory = keyDirectory;
    }

    public Path keyFile() {
        return keyDirectory.resolve(KEY_FILE);
    }

    /**
     * The key this process seals with: the key file's, created (and recorded in the database) if neither
     * exists yet. {@code null}, with a warning, when the key that signs now (the database's first key, or the last
     * it was handed over to: {@link KeyChain}) is not the key file's: then another node seals, or sealing waits
     * until the key file is copied here (docs/reliability.md). Finishes a {@link #rotateKey} that stopped after
     * recording its change.
     */
    public @Nullable SigningKey keyForSealing(SealStore store) {
        SigningKey key = readKey(keyFile());
        Optional<String> registered = store.registeredKey();
        if (key == null && registered.isEmpty()) {
            writeKey(SigningKey.generate());
            key = readKey(keyFile());
        }
        if (key == null) {
            VerifyingKey signsNow = KeyChain.of(VerifyingKey.fromPem(registered.orElseThrow()), store.keyChanges())
                    .current();
            warnOnce("the change log of this database is signed by key " + signsNow.id() + ", whose file is not in "
                    + keyDirectory + ": this process does not seal until " + KEY_FILE
                    + " is copied there from the node that has it (it is read without a restart)");
            return null;
        }
        String recorded = registered.isPresent() ? registered.get() : store.registerKey(key.verifyingKey());
        KeyChain chain = KeyChain.of(VerifyingKey.fromPem(recorded), store.keyChanges());
        String id = key.verifyingKey().id();
        if (chain.current().id().equals(id)) {
            usable(id);
            return key;
        }
        if (chain.key(id).isEmpty()) {
            warnOnce("the change log of this database is signed by key "
                    + chain.current().id() + ", not by " + id + " in " + keyFile() + ": this process does not seal");
            return null;
        }
        SigningKey next = readKey(nextKeyFile());
        if (next != null && next.verifyingKey().id().equals(chain.current().id())) {
            promote(next);
            usable(next.verifyingKey().id());
            return next;
        }
        warnOnce("the change log's signing key " + id + " in " + keyFile() + " was replaced by "
                + chain.current().id() + " ('vigil audit key rotate'): this process does not seal until the new "
                + KEY_FILE + " is copied there (it is read without a restart)");
        return null;
    }

    /**
     * Replaces the signing key: a new key is written beside the key file, the change is recorded in the database
     * signed by both keys, and the new key takes the key file's place (the old one is gone from this directory).
     * A rotation that stops after recording its change is finished by the next {@link #keyForSealing}.
     *
     * @throws IllegalStateException if this directory has no key that signs now, or another change came first
     */
    public KeyChange rotateKey(SealStore store, Instant now) {
        SigningKey old = keyForSealing(store);
        if (old == null) {
            throw new IllegalStateException("the key file " + keyFile()
                    + " is not the key that signs this database's change log now, so it cannot hand over to a new"
                    + " one: rotate on a node that seals (its key file is the one 'vigil audit key' names)");
        }
        SigningKey next = SigningKey.generate();
        writeFile(nextKeyFile(), next.privateKeyPem(), true);
        long number = store.keyChanges().size() + 1L;
        KeyChange change = KeyChange.create(number, old, next, store.head().orElse(null), now);
        if (!store.appendKeyChange(change)) {
            throw new IllegalStateException("another key change was recorded meanwhile: nothing was changed here");
        }
        promote(next);
        LOG.info(
                "replaced the change log's signing key {} by {} in {} (key change {})",
                old.verifyingKey().id(),
                next.verifyingKey().id(),
                keyFile(),
                number);
        return change;
    }

    /** Where a new key waits while its change is recorded. */
    private Path nextKeyFile() {
        return keyDirectory.resolve(KEY_FILE + ".next");
    }

    /** Moves the waiting key over the key file, in one step. */
    private void promote(SigningKey next) {
        try {
            try {
                Files.move(
                        nextKeyFile(), keyFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(nextKeyFile(), keyFile(), StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(keyDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot put the new signing key " + next.verifyingKey().id() + " in place" + " of " + keyFile()
                            + " (it waits in " + nextKeyFile() + ")",
                    e);
        }
    }

    /**
     * The key to verify with when none is given: the key file's if there is one, else the one the database
     * records (which proves less: whoever can write the database can record another).
     */
    public Optional<VerifyingKey> localKey() {
        SigningKey key = readKey(keyFile());
        return Optional.ofNullable(key == null ? null : key.verifyingKey());
    }

    /** The public key pinned in this data directory, if any. */
    public Optional<VerifyingKey> pinnedKey() {
        Path file = directory.resolve(PINNED_KEY_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(VerifyingKey.fromPem(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pinned key " + file, e);
        }
    }

    /** Pins {@code key} in this data directory (replacing nothing: call only when none is pinned). */
    public void pin(VerifyingKey key) {
        Path file = directory.resolve(PINNED_KEY_FILE);
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    file,
                    key.pem(),
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            LOG.info("another process pinned a key in {} meanwhile", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pin the key in " + file, e);
        }
    }

    /** Says once that sealing goes on, when a warning said it would not. */
    private synchronized void usable(String keyId) {
        if (lastWarning != null) {
            lastWarning = null;
            LOG.info("the change log's signing key {} is in {}: this process seals again", keyId, keyFile());
        }
    }

    private synchronized void warnOnce(String warning) {
        if (!warning.equals(lastWarning)) {
            lastWarning = warning;
            LOG.warn(warning);
        }
    }

    private static @Nullable SigningKey readKey(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return SigningKey.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + file, e);
        }
    }

    /** Writes a key made here: never replaces a key another process wrote meanwhile (that one is then the key). */
    private void writeKey(SigningKey key) {
        try {
            writeFile(keyFile(), key.privateKeyPem(), false);
            LOG.info(
                    "created the change log's signing key {} in {}",
                    key.verifyingKey().id(),
                    keyFile());
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof FileAlreadyExistsException)) {
                throw e;
            }
            LOG.info("another process created the signing key in {} meanwhile", keyFile());
        }
    }

    /**
     * Writes {@code pem} durably, owner-only, under a temporary name, then puts it at {@code file}: replacing what
     * is there if {@code replace}, else linked into place (FileAlreadyExistsException if a file is there).
     */
    private void writeFile(Path file, String pem, boolean replace) {
        try {
            Files.createDirectories(keyDirectory);
            Path temporary = Files.createTempFile(keyDirectory, KEY_FILE, ".tmp");
            try {
                owned(temporary);
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII)));
                    channel.force(true);
                }
                if (replace) {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.createLink(file, temporary);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            syncDirectory(keyDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing key " + file, e);
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static void owned(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    /** Keeps {@code seal}'s checkpoint as the newest one, replacing the file in one step. */
    @Override
    public void keep(Seal seal) {
        keepHead(seal);
    }

    /** As {@link #keep}. */
    public void keepHead(Seal seal) {
        Path file = directory.resolve(HEAD_FILE);
        try {
            Path temporary = Files.createTempFile(directory, HEAD_FILE, ".tmp");
            try {
                Files.writeString(temporary, seal.checkpoint().text(), StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            LOG.warn("cannot keep the newest checkpoint in {}", file, e);
        }
    }

    /**
     * Writes {@code text}, the evidence of a history the database no longer extends, to a new file beside the
     * head; returns where it went.
     */
    public String keepEvidence(String text) {
        try {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "audit-evidence-", ".txt");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evidence file in " + directory, e);
        }
    }

    /** The newest checkpoint this data directory kept, if any. */
    @Override
    public Optional<Checkpoint> head() {
        Path file = directory.resolve(HEAD_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Checkpoint.parse(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
