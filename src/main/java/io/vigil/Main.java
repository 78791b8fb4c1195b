package io.vigil;

import io.vigil.audit.UuidV7;
import io.vigil.auth.Authenticator;
import io.vigil.cli.RunningServer;
import io.vigil.cli.VigilCommand;
import io.vigil.http.ApiServer;
import io.vigil.http.Routes;
import io.vigil.insight.InsightService;
import io.vigil.store.Database;
import io.vigil.store.JdbcAuditLog;
import io.vigil.store.JdbcCredentialStore;
import io.vigil.store.JdbcDirectory;
import io.vigil.store.JdbcInsightStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: parses the command line, and builds every object of a running server by hand. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        int exitCode = VigilCommand.run(Main::start, args);
        if (exitCode != VigilCommand.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }

    /** A running server and everything it owns, closed in reverse order of construction. */
    public static final class Server implements RunningServer, AutoCloseable {
        private final Database database;
        private final JdbcInsightStore insights;
        private final ApiServer http;

        private Server(Database database, JdbcInsightStore insights, ApiServer http) {
            this.database = database;
            this.insights = insights;
            this.http = http;
        }

        @Override
        public int port() {
            return http.port();
        }

        /**
         * Stops taking requests, lets those in flight finish (up to {@code graceSeconds}), commits every
         * queued write, then closes the database.
         */
        @Override
        public void stop(int graceSeconds) {
            http.stop(graceSeconds);
            insights.close();
            database.close();
            LOG.info("stopped; every acknowledged change is committed");
        }

        @Override
        public void close() {
            stop(1);
        }
    }

    /** Opens the embedded database in {@code dataDir} (migrating it) and serves the API on {@code address}. */
    public static Server start(Path dataDir, InetSocketAddress address) {
        return start(null, dataDir, address);
    }

    /**
     * Opens PostgreSQL at {@code databaseUrl}, or else the embedded database in {@code dataDir}, migrates it,
     * and serves the API on {@code address}.
     */
    public static Server start(@Nullable String databaseUrl, Path dataDir, InetSocketAddress address) {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(databaseUrl, dataDir);
        JdbcInsightStore insights = new JdbcInsightStore(database);
        InsightService service = new InsightService(insights, new UuidV7(clock, new SplittableRandom()));
        Authenticator authenticator = new Authenticator(new JdbcCredentialStore(database), clock);
        try {
            ApiServer http = ApiServer.start(
                    address,
                    Routes.table(new Routes.Services(
                            service,
                            insights,
                            new JdbcAuditLog(database),
                            new JdbcDirectory(database),
                            authenticator,
                            clock,
                            database.setting("cursor_key"))),
                    database::answers);
            return new Server(database, insights, http);
        } catch (IOException e) {
            insights.close();
            database.close();
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }
}
