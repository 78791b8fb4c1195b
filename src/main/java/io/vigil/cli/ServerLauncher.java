package io.vigil.cli;

import io.vigil.auth.RateLimit;
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
     * @param rateLimit each credential's request budget ({@link RateLimit#OFF} for none)
     */
    RunningServer start(@Nullable String databaseUrl, Path dataDir, InetSocketAddress address, RateLimit rateLimit);
}
