package io.vigil;

import io.vigil.audit.UuidV7;
import io.vigil.auth.Authenticator;
import io.vigil.cli.RunningServer;
import io.vigil.cli.VigilCommand;
import io.vigil.http.ApiServer;
import io.vigil.http.Routes;
import io.vigil.insight.InsightService;
import io.vigil.store.Database;
import io.vigil.store.SqliteAuditLog;
import io.vigil.store.SqliteCredentialStore;
import io.vigil.store.SqliteInsightStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
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
        private final SqliteInsightStore insights;
        private final ApiServer http;

        private Server(Database database, SqliteInsightStore insights, ApiServer http) {
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

    /** Opens the database in {@code dataDir} (migrating it) and serves the API on {@code address}. */
    public static Server start(Path dataDir, InetSocketAddress address) {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(dataDir);
        SqliteInsightStore insights = new SqliteInsightStore(database);
        InsightService service = new InsightService(insights, new UuidV7(clock, new SplittableRandom()));
        Authenticator authenticator = new Authenticator(new SqliteCredentialStore(database), clock);
        try {
            ApiServer http = ApiServer.start(
                    address,
                    Routes.table(new Routes.Services(
                            service,
                            insights,
                            new SqliteAuditLog(database),
                            authenticator,
                            clock,
                            database.setting("cursor_key"))));
            return new Server(database, insights, http);
        } catch (IOException e) {
            insights.close();
            database.close();
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }
}
