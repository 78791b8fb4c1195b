package io.vigil;

import io.micrometer.core.instrument.Gauge;
import io.vigil.audit.UuidV7;
import io.vigil.auth.Authenticator;
import io.vigil.auth.RateLimit;
import io.vigil.auth.RateLimiter;
import io.vigil.cli.Assembly;
import io.vigil.cli.Backend;
import io.vigil.cli.RunningServer;
import io.vigil.cli.ServerOptions;
import io.vigil.cli.VigilCommand;
import io.vigil.http.ApiServer;
import io.vigil.http.CheckpointFields;
import io.vigil.http.Faults;
import io.vigil.http.Readiness;
import io.vigil.http.Route;
import io.vigil.http.Routes;
import io.vigil.http.WebhookPayloads;
import io.vigil.insight.Expirer;
import io.vigil.insight.ExpiryPolicy;
import io.vigil.insight.InsightService;
import io.vigil.job.Jobs;
import io.vigil.logging.LogFormat;
import io.vigil.metrics.Metrics;
import io.vigil.metrics.MetricsServer;
import io.vigil.scan.ScanRunner;
import io.vigil.scan.ScanSource;
import io.vigil.scan.Scans;
import io.vigil.scanner.ScannerSource;
import io.vigil.seal.AuditProofs;
import io.vigil.seal.HistoryAlarm;
import io.vigil.seal.Seal;
import io.vigil.seal.SealStore;
import io.vigil.seal.Sealer;
import io.vigil.seal.Witnesses;
import io.vigil.store.Database;
import io.vigil.store.JdbcAuditLog;
import io.vigil.store.JdbcNodeRegistry;
import io.vigil.store.JdbcScanStore;
import io.vigil.store.JdbcSyncLog;
import io.vigil.store.JdbcWebhookStore;
import io.vigil.sync.SyncRunner;
import io.vigil.sync.SyncScans;
import io.vigil.sync.SyncSchedule;
import io.vigil.webhook.Announcer;
import io.vigil.webhook.Deliverer;
import io.vigil.webhook.EventKind;
import io.vigil.webhook.NodeClaim;
import io.vigil.webhook.NodeId;
import io.vigil.webhook.Targets;
import io.vigil.webhook.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: parses the command line, and builds by hand every object of a running server and of
 * each command, with one clock and one source of audit ids.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** How often a node looks for scans to run. */
    private static final Duration SCAN_POLL = Duration.ofSeconds(1);

    /** What the command line builds with: the same wiring as the server's. */
    public static final Assembly ASSEMBLY = new Assembly() {
        @Override
        public Backend open(@Nullable String databaseUrl, Path dataDir, Path keyDir) {
            return Backends.open(
                    databaseUrl,
                    dataDir,
                    keyDir,
                    Clock.systemUTC(),
                    Metrics.off().registry(),
                    ExpiryPolicy.NONE);
        }

        @Override
        public RunningServer start(@Nullable String databaseUrl, Path dataDir, Path keyDir, ServerOptions options) {
            return Main.start(databaseUrl, dataDir, keyDir, options);
        }
    };

    private Main() {}

    public static void main(String[] args) {
        String logFormat = LogFormat.problem(System.getenv(LogFormat.VARIABLE));
        if (logFormat != null) { // logback would log nothing at all
            System.err.println("vigil: " + logFormat);
            System.exit(2);
        }
        int exitCode = VigilCommand.run(ASSEMBLY, args);
        if (exitCode != VigilCommand.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }

    /** A running server and everything it owns, closed in reverse order of construction. */
    public static final class Server implements RunningServer, AutoCloseable {
        private final Backend backend;
        private final @Nullable Sealer sealer;
        private final Jobs jobs;
        private final ApiServer http;
        private final List<Route> routes;
        private final Metrics metrics;
        private final @Nullable MetricsServer metricsServer;
        private final RateLimiter rateLimiter;

        private Server(
                Backend backend,
                @Nullable Sealer sealer,
                Jobs jobs,
                ApiServer http,
                List<Route> routes,
                Metrics metrics,
                @Nullable MetricsServer metricsServer,
                RateLimiter rateLimiter) {
            this.backend = backend;
            this.sealer = sealer;
            this.jobs = jobs;
            this.http = http;
            this.routes = routes;
            this.metrics = metrics;
            this.metricsServer = metricsServer;
            this.rateLimiter = rateLimiter;
        }

        /** The stores and services this server runs on: for {@link TestMode}, in this package only. */
        Backend backend() {
            return backend;
        }

        /** The credentials' rate limiter: for {@link TestMode}, in this package only. */
        RateLimiter rateLimiter() {
            return rateLimiter;
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

        @Override
        public int metricsPort() {
            return metricsServer == null ? -1 : metricsServer.port();
        }

        /**
         * Stops taking requests, lets those in flight finish (up to {@code graceSeconds}), commits every
         * queued write, seals the change log, then closes the database.
         */
        @Override
        public void stop(int graceSeconds) {
            http.stop(graceSeconds);
            jobs.close();
            if (metricsServer != null) {
                metricsServer.close();
            }
            backend.insightStore().close();
            sealAtStop(sealer);
            backend.close();
            metrics.close();
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
        return start(
                databaseUrl,
                dataDir,
                new ServerOptions(
                        address,
                        rateLimit,
                        null,
                        null,
                        ServerOptions.SEAL_EVERY,
                        ServerOptions.EXPIRE_EVERY,
                        ExpiryPolicy.NONE,
                        null,
                        false,
                        List.of(),
                        List.of()));
    }

    /**
     * Opens PostgreSQL at {@code databaseUrl}, or else the embedded database in {@code dataDir}, migrates it,
     * and serves the API as {@code options} say: address, rate limit, HTTPS, and {@code /metrics} on a
     * listener of its own.
     */
    public static Server start(@Nullable String databaseUrl, Path dataDir, ServerOptions options) {
        return start(databaseUrl, dataDir, dataDir, options);
    }

    /** As {@link #start(String, Path, ServerOptions)}, the key files read from {@code keyDir}. */
    public static Server start(@Nullable String databaseUrl, Path dataDir, Path keyDir, ServerOptions options) {
        return start(databaseUrl, dataDir, keyDir, options, null);
    }

    /**
     * The one start of every server: {@code faults} are test mode's ({@link TestMode#start}, in this package), and
     * {@code null} on every other path, {@code vigil serve}'s included.
     */
    static Server start(
            @Nullable String databaseUrl, Path dataDir, Path keyDir, ServerOptions options, @Nullable Faults faults) {
        Clock clock = Clock.systemUTC();
        ApiServer.jdkServerProperties(); // before the metrics listener makes the JVM's first JDK server
        // Read the TLS files before anything opens: a bad certificate is refused with nothing started.
        SSLContext tls = options.tls() == null ? null : options.tls().sslContext();
        // Every meter goes here; later backlogs (webhook deliveries, sealing) register their gauges on it too.
        Metrics metrics = options.metricsAddress() == null ? Metrics.off() : Metrics.prometheus();
        Backend backend = Backends.open(databaseUrl, dataDir, keyDir, clock, metrics.registry(), options.expiry());
        NodeClaim node = databaseUrl == null || databaseUrl.isBlank() // before anything starts: a clone is refused
                ? NodeClaim.unshared(NodeId.of(dataDir), clock)
                : claimNode(backend, dataDir, clock);
        Database database = backend.database();
        Jobs jobs = new Jobs(metrics.registry(), clock);
        jobs.every("node", NodeClaim.BEAT, node); // registered first: stopped last, once the leases are given up
        Sealer sealer = null;
        HistoryAlarm history = new HistoryAlarm(backend.sealFiles()::keepEvidence);
        MetricsServer metricsServer = null;
        ApiServer http = null;
        try {
            if (!options.expireEvery().isZero()) {
                jobs.every("expiry", options.expireEvery(), new Expirer(backend.insightStore(), clock)::round);
            }
            Gauge.builder("vigil.audit.history.broken", history, h -> h.raised() ? 1 : 0)
                    .description("1 once this node found that the database no longer extends the change log it"
                            + " sealed, and stopped sealing (see /readyz and the log)")
                    .register(metrics.registry());
            Targets targets = new Targets(options.privateWebhookTargets(), Targets.systemResolver());
            JdbcWebhookStore hooks = backend.webhookStore();
            Transport transport = Transport.http();
            Announcer announcer = new Announcer(hooks, backend.webhookSecrets(), targets, transport, clock);
            history.onRaise(reason -> announcer.announce(
                    EventKind.HISTORY_BROKEN,
                    Map.of("reason", reason, "detected_at", clock.instant().toString())));
            if (!options.sealEvery().isZero()) { // without the key (yet), rounds wait for it to be copied in
                sealer = new Sealer(
                        backend.seals(),
                        () -> backend.sealFiles().keyForSealing(backend.seals()),
                        clock,
                        Witnesses.of(backend.sealFiles(), options.witnesses()),
                        history,
                        Sealer.MAX_PER_SEAL);
                sealer.onSeal(seal -> announcer.announce(EventKind.CHECKPOINT, CheckpointFields.of(seal.checkpoint())));
                jobs.every("sealer", options.sealEvery(), sealer::sealPending);
            }
            Gauge.builder("vigil.audit.unsealed", backend.seals(), SealStore::unsealed)
                    .description("Change-log entries committed and not yet sealed")
                    .register(metrics.registry());
            JdbcSyncLog syncLog = new JdbcSyncLog(database);
            Gauge.builder("vigil.webhook.backlog", hooks, JdbcWebhookStore::backlog)
                    .description("Sealed change-log entries not yet delivered to subscriptions that are not paused")
                    .register(metrics.registry());
            UuidV7 scanIds = new UuidV7(clock, new SplittableRandom());
            JdbcScanStore scanStore = new JdbcScanStore(database);
            RateLimiter rateLimiter = new RateLimiter(options.rateLimit(), clock);
            List<Route> routes = Routes.table(new Routes.Services(
                    backend.insights(),
                    backend.bulks(),
                    new JdbcAuditLog(database),
                    new AuditProofs(backend.seals()),
                    backend.directory(),
                    new Authenticator(backend.credentials(), clock),
                    rateLimiter,
                    clock,
                    database.setting("cursor_key"),
                    syncLog,
                    backend.webhooks(targets),
                    new Scans(
                            scanStore,
                            backend.directory(),
                            clock,
                            () -> scanIds.get().toString())));
            SyncSchedule schedule = options.sync();
            Readiness readiness = new Readiness(
                    database::answers,
                    () -> history.reason().map(reason -> "sealing stopped: " + reason),
                    () -> Readiness.detail(
                            schedule == null ? Optional.empty() : syncLog.lastResult(schedule.account()),
                            jobs.failing()));
            http = ApiServer.start(options.address(), routes, readiness, metrics.registry(), tls, faults);
            if (options.metricsAddress() != null) { // a port taken here stops the listener above, and all else
                metricsServer = MetricsServer.start(options.metricsAddress(), metrics);
            }
            if (schedule != null) {
                SyncRunner syncs = new SyncRunner(backend.sync(), syncLog, schedule, clock, node.nodeId());
                jobs.every("sync", syncs.tryEvery(), syncs::round);
            }
            InsightService insights = backend.insights();
            Deliverer deliverer = new Deliverer(
                    hooks,
                    backend.webhookSecrets(),
                    targets,
                    new WebhookPayloads(),
                    insights::findAll,
                    transport,
                    clock,
                    node.nodeId(),
                    new SplittableRandom(),
                    jobs.workers("vigil-webhook-"));
            jobs.every("webhooks", Deliverer.POLL, deliverer);
            ScanSource scanners =
                    new ScannerSource(options.scanners(), ServerOptions::scannedLine, backend.insightStore());
            if (schedule != null) { // the synced account's scans run upstream's, then pull
                scanners = ScanSource.inOrder(new SyncScans(backend.sync(), schedule, clock), scanners);
            }
            jobs.every("scans", SCAN_POLL, new ScanRunner(scanStore, scanners, clock, node.nodeId())::round);
            return new Server(backend, sealer, jobs, http, routes, metrics, metricsServer, rateLimiter);
        } catch (IOException | RuntimeException e) {
            if (http != null) {
                http.stop(0); // the listener was up: nothing it would answer is left
            }
            jobs.close();
            closeAll(metricsServer, backend, metrics);
            throw e instanceof IOException io
                    ? new UncheckedIOException(
                            "cannot listen on " + options.address() + " or " + options.metricsAddress(), io)
                    : (RuntimeException) e;
        }
    }

    /** Seals what the last writes left, if the database still answers: the next start would otherwise. */
    private static void sealAtStop(@Nullable Sealer sealer) {
        if (sealer != null) {
            try {
                sealer.sealPending();
            } catch (RuntimeException e) {
                LOG.warn("sealing at shutdown failed; the next start seals what waited", e);
            }
        }
    }

    private static NodeClaim claimNode(Backend backend, Path dataDir, Clock clock) {
        try {
            return NodeClaim.claim(NodeId.of(dataDir), new JdbcNodeRegistry(backend.database()), clock);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private static void closeAll(@Nullable MetricsServer metricsServer, Backend backend, Metrics metrics) {
        if (metricsServer != null) {
            metricsServer.close();
        }
        backend.close();
        metrics.close();
    }
}
