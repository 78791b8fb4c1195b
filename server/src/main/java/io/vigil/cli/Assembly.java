package io.vigil.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Builds what the commands work on: {@code Main} provides it, so the command line holds no wiring and every
 * command gets the same objects, with the same clock and id source, as the server.
 */
public interface Assembly {
    /**
     * Opens (and migrates) the database and builds the stores and services over it.
     *
     * @param databaseUrl PostgreSQL's JDBC URL, or {@code null} for the embedded database in {@code dataDir}
     * @param keyDir where the key files are (the sealing key, the webhook secrets' key): the data directory, or one
     *     every node of a cluster reads
     */
    Backend open(@Nullable String databaseUrl, Path dataDir, Path keyDir);

    /** As {@link #open(String, Path, Path)}, with the keys in the data directory. */
    default Backend open(@Nullable String databaseUrl, Path dataDir) {
        return open(databaseUrl, dataDir, dataDir);
    }

    /**
     * Starts a server listening as {@code options} say.
     *
     * @param databaseUrl PostgreSQL's JDBC URL, or {@code null} for the embedded database in {@code dataDir}
     */
    RunningServer start(@Nullable String databaseUrl, Path dataDir, Path keyDir, ServerOptions options);

    /** As {@link #start(String, Path, Path, ServerOptions)}, with the keys in the data directory. */
    default RunningServer start(@Nullable String databaseUrl, Path dataDir, ServerOptions options) {
        return start(databaseUrl, dataDir, dataDir, options);
    }
}
