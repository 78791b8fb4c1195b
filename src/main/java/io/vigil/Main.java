package io.vigil;

import io.vigil.audit.UuidV7;
import io.vigil.auth.Authenticator;
import io.vigil.auth.RateLimit;
import io.vigil.auth.RateLimiter;
import io.vigil.cli.Assembly;
import io.vigil.cli.Backend;
import io.vigil.cli.RunningServer;
import io.vigil.cli.VigilCommand;
import io.vigil.http.ApiServer;
import io.vigil.http.Route;
import io.vigil.http.Routes;
import io.vigil.insight.InsightService;
import io.vigil.seal.AuditProofs;
import io.vigil.seal.Seal;
import io.vigil.seal.SealFiles;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.store.Database;
import io.vigil.store.JdbcAuditLog;
import io.vigil.store.JdbcCredentialStore;
import io.vigil.store.JdbcDirectory;
import io.vigil.store.JdbcInsightStore;
import io.vigil.store.JdbcSealStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: parses the command line, and builds by hand every object of a running server and of
 * each command, with one clock and one source of audit ids.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** How often the server seals the change log: the bound on an entry's wait to be sealed. */
    static final Duration SEAL_EVERY = Duration.ofSeconds(1);

    /** What the command line builds with: the same wiring as the server's. */
    public static final Assembly ASSEMBLY = new Assembly() {
        @Override
        public Backend open(@Nullable String databaseUrl, Path dataDir) {
            return Main.open(databaseUrl, dataDir, Clock.systemUTC());
        }

        @Override
        public RunningServer start(
                @Nullable String databaseUrl,
                Path dataDir,
                InetSocketAddress address,
                RateLimit rateLimit,
                Duration sealEvery) {
            return Main.start(databaseUrl, dataDir, address, rateLimit, sealEvery);
        }
    };

    private Main() {}

    public static void main(String[] args) {
        int exitCode = VigilCommand.run(ASSEMBLY, args);
        if (exitCode != VigilCommand.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }

    /** Opens (and migrates) the database and builds the stores and services over it. */
    static Backend open(@Nullable String databaseUrl, Path dataDir, Clock clock) {
        Database database = Database.open(databaseUrl, dataDir);
        JdbcInsightStore store = new JdbcInsightStore(database, new UuidV7(clock, new SplittableRandom()));
        return new Backend(
                database,
                store,
                new InsightService(store),
                new JdbcCredentialStore(database),
                new JdbcDirectory(database),
                new JdbcSealStore(database),
                new SealFiles(dataDir),
                clock);
    }

    /** A running server and everything it owns, closed in reverse order of construction. */
    public static final class Server implements RunningServer, AutoCloseable {
        private final Backend backend;
        private final @Nullable Sealer sealer;
        private final ApiServer http;
        private final List<Route> routes;

        private Server(Backend backend, @Nullable Sealer sealer, ApiServer http, List<Route> routes) {
            this.backend = backend;
            this.sealer = sealer;
            this.http = http;
            this.routes = routes;
        }

        /** Seals every entry committed now (the server also does so every second); null if none waited. */
        public @Nullable Seal sealNow() {
            return sealer == null ? null : sealer.sealPending();
        }

        /** The route table this server dispatches: what a test matrix must cover. */
        public List<Route> routes() {
            return routes;
        }

        @Override
        public int port() {
            return http.port();
        }

        /**
         * Stops taking requests, lets those in flight finish (up to {@code graceSeconds}), commits every
         * queued write, seals the change log, then closes the database.
         */
        @Override
        public void stop(int graceSeconds) {
            http.stop(graceSeconds);
            backend.insightStore().close();
            if (sealer != null) {
                sealer.close();
            }
            backend.close();
            LOG.info("stopped; every acknowledged change is committed");
        }

        @Override
        public void close() {
            stop(1);
        }
    }

    /** Opens the embedded database in {@code dataDir} (migrating it) and serves the API on {@code address}. */
    public static Server start(Path dataDir, InetSocketAddress address) {
        return start(null, dataDir, address, RateLimit.OFF);
    }

    /** As {@link #start(String, Path, InetSocketAddress, RateLimit)}, with no rate limit. */
    public static Server start(@Nullable String databaseUrl, Path dataDir, InetSocketAddress address) {
        return start(databaseUrl, dataDir, address, RateLimit.OFF);
    }

    /**
     * Opens PostgreSQL at {@code databaseUrl}, or else the embedded database in {@code dataDir}, migrates it,
     * and serves the API on {@code address}, each credential limited to {@code rateLimit}.
     */
    public static Server start(
            @Nullable String databaseUrl, Path dataDir, InetSocketAddress address, RateLimit rateLimit) {
        return start(databaseUrl, dataDir, address, rateLimit, SEAL_EVERY);
    }

    /**
     * As {@link #start(String, Path, InetSocketAddress, RateLimit)}, sealing the change log every {@code
     * sealEvery} (zero: never, on this server).
     */
    public static Server start(
            @Nullable String databaseUrl,
            Path dataDir,
            InetSocketAddress address,
            RateLimit rateLimit,
            Duration sealEvery) {
        Clock clock = Clock.systemUTC();
        Backend backend = open(databaseUrl, dataDir, clock);
        Database database = backend.database();
        Sealer sealer = null;
        try {
            SigningKey key = sealEvery.isZero() ? null : backend.sealFiles().keyForSealing(backend.seals());
            if (key != null) {
                sealer = new Sealer(backend.seals(), key, clock, backend.sealFiles()::keepHead);
                sealer.start(
                        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                                .name("vigil-sealer")
                                .daemon()
                                .factory()),
                        sealEvery);
            }
            List<Route> routes = Routes.table(new Routes.Services(
                    backend.insights(),
                    new JdbcAuditLog(database),
                    new AuditProofs(backend.seals()),
                    backend.directory(),
                    new Authenticator(backend.credentials(), clock),
                    new RateLimiter(rateLimit, clock),
                    clock,
                    database.setting("cursor_key")));
            ApiServer http = ApiServer.start(address, routes, database::answers);
            return new Server(backend, sealer, http, routes);
        } catch (IOException e) {
            closeAll(sealer, backend);
            throw new UncheckedIOException("cannot listen on " + address, e);
        } catch (RuntimeException e) {
            closeAll(sealer, backend);
            throw e;
        }
    }

    private static void closeAll(@Nullable Sealer sealer, Backend backend) {
        if (sealer != null) {
            sealer.close();
        }
        backend.close();
    }
}
