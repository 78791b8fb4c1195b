package io.vigil.testing;

import io.vigil.Main;
import io.vigil.auth.RateLimit;
import io.vigil.cli.Backend;
import io.vigil.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One server started on a free port over the database the test run is configured for, and a second
 * backend on that database, opened as the command line opens it, to seed data and inspect state. Closing it
 * stops both, and deletes the data directory if it made that directory itself.
 */
final class ServerInstance implements AutoCloseable {
    private final Path dataDir;
    private final boolean ownsDataDir;
    /** PostgreSQL's URL when the suite runs with {@code -Dvigil.test.database=postgres}; else SQLite in dataDir. */
    private final @Nullable String databaseUrl;

    private final RateLimit rateLimit;
    private Main.Server server;
    private final Backend backend;

    private ServerInstance(Path dataDir, boolean ownsDataDir, RateLimit rateLimit) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.rateLimit = rateLimit;
        this.databaseUrl =
                "postgres".equals(System.getProperty("vigil.test.database")) ? Postgres.freshDatabaseUrl() : null;
        this.server = serve();
        this.backend = Main.ASSEMBLY.open(databaseUrl, dataDir);
    }

    /** Starts on {@code dataDir}, which outlives the instance. */
    static ServerInstance on(Path dataDir, RateLimit rateLimit) {
        return new ServerInstance(dataDir, false, rateLimit);
    }

    /** Starts on a new temporary data directory, deleted on close. */
    static ServerInstance onTemporaryDirectory(RateLimit rateLimit) {
        try {
            return new ServerInstance(Files.createTempDirectory("vigil-test"), true, rateLimit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory", e);
        }
    }

    private Main.Server serve() {
        return Main.start(databaseUrl, dataDir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), rateLimit);
    }

    Main.Server server() {
        return server;
    }

    Backend backend() {
        return backend;
    }

    Path dataDir() {
        return dataDir;
    }

    /** A URL to open plain JDBC connections to the server's database with. */
    String jdbcUrl() {
        return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME);
    }

    /** Stops the server gracefully and starts a new one on the same database. */
    void restart() {
        restartAfter(Duration.ZERO);
    }

    /** Stops the server gracefully, leaves it stopped for {@code down}, then starts a new one. */
    void restartAfter(Duration down) {
        server.stop(1);
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the server was down", e);
        }
        server = serve();
    }

    @Override
    public void close() {
        try {
            server.stop(1);
        } finally {
            backend.close();
        }
        if (ownsDataDir) {
            delete(dataDir);
        }
    }

    private static void delete(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the data directory " + tree, e);
        }
    }
}
