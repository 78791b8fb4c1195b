package io.vigil.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Builds and starts a server; {@code Main} provides it, so the command line stays free of wiring. */
@FunctionalInterface
public interface ServerLauncher {
    /**
     * Starts a server on {@code address}.
     *
     * @param databaseUrl PostgreSQL's JDBC URL, or {@code null} for the embedded database in {@code dataDir}
     */
    RunningServer start(@Nullable String databaseUrl, Path dataDir, InetSocketAddress address);
}
