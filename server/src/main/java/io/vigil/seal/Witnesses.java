package io.vigil.seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head kept in the data directory, and copies of it in files the operator names outside it ({@code serve
 * --witness FILE}): each new checkpoint is written to every one, and the head a sealer starts from is the newest
 * any of them holds, so a rollback of the data directory together with the database is still caught by a
 * witness. A witness that cannot be written is logged and skipped; one that cannot be read stops sealing, as a
 * damaged head does. Thread-safe.
 */
public final class Witnesses implements HeadKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(Witnesses.class);

    private final HeadKeeper local;
    private final List<Path> files;

    private Witnesses(HeadKeeper local, List<Path> files) {
        this.local = local;
        this.files = List.copyOf(files);
    }

    /** {@code local}, alone if there are no {@code files}. */
    public static HeadKeeper of(HeadKeeper local, List<Path> files) {
        return files.isEmpty() ? local : new Witnesses(local, files);
    }

    /**
     * The newest checkpoint among the local head and the witnesses (a witness not written yet is skipped); two
     * different checkpoints of one seal are refused, as the history forked.
     */
    @Override
    public Optional<Checkpoint> head() {
        List<Checkpoint> kept = new ArrayList<>();
        local.head().ifPresent(kept::add);
        for (Path file : files) {
            if (Files.exists(file)) {
                try {
                    kept.add(Checkpoint.parse(Files.readString(file, StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    throw new IllegalArgumentException("the witness " + file + " cannot be read: " + e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "the witness " + file + " is not a checkpoint: " + e.getMessage(), e);
                }
            }
        }
        Checkpoint newest = null;
        for (Checkpoint checkpoint : kept) {
            if (newest == null || checkpoint.seal() > newest.seal()) {
                newest = checkpoint;
            }
        }
        for (Checkpoint checkpoint : kept) {
            if (newest != null && checkpoint.seal() == newest.seal() && !checkpoint.equals(newest)) {
                throw new IllegalArgumentException("two different checkpoints of seal " + newest.seal()
                        + " are kept (the data directory's and its witnesses'): the history forked");
            }
        }
        return Optional.ofNullable(newest);
    }

    @Override
    public void keep(Seal seal) {
        local.keep(seal);
        String text = seal.checkpoint().text();
        for (Path file : files) {
            try {
                Path directory = file.toAbsolutePath().getParent();
                Files.createDirectories(directory);
                Path temporary =
                        Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
                try {
                    Files.writeString(temporary, text, StandardCharsets.US_ASCII);
                    try {
                        Files.move(
                                temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(temporary);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot write the checkpoint of seal {} to the witness {}", seal.number(), file, e);
            }
        }
    }
}
