package io.vigil.cli;

import io.vigil.auth.RateLimit;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
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
     */
    Backend open(@Nullable String databaseUrl, Path dataDir);

    /**
     * Starts a server on {@code address}.
     *
     * @param databaseUrl PostgreSQL's JDBC URL, or {@code null} for the embedded database in {@code dataDir}
     * @param rateLimit each credential's request budget ({@link RateLimit#OFF} for none)
     * @param sealEvery how often the server seals the change log; zero for never (a benchmark's control)
     */
    RunningServer start(
            @Nullable String databaseUrl,
            Path dataDir,
            InetSocketAddress address,
            RateLimit rateLimit,
            Duration sealEvery);
}
