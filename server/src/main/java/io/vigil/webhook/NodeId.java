package io.vigil.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This node's name in delivery leases, kept in the data directory ({@value #FILE}) so that a node restarted after
 * a crash takes its subscriptions back at once instead of waiting for its own lease to lapse.
 */
public final class NodeId {
    public static final String FILE = "node-id";

    private NodeId() {}

    /** The id in {@code directory}, made on first use. */
    public static String of(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
            try {
                Files.writeString(file, UUID.randomUUID() + "\n", java.nio.file.StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                // made before: keep it
            }
            String id = Files.readString(file).strip();
            return id.isEmpty() ? UUID.randomUUID().toString() : id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make " + file, e);
        }
    }
}
