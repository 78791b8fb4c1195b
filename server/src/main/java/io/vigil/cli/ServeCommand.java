package io.vigil.cli;

import io.vigil.auth.RateLimit;
import io.vigil.http.TlsFiles;
import io.vigil.insight.Classification;
import io.vigil.insight.ExpiryPolicy;
import io.vigil.scan.ScanRunner;
import io.vigil.scanner.Scanner;
import io.vigil.sync.SyncSchedule;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil serve}: runs the API until SIGTERM or Ctrl-C, then shuts down gracefully. */
@Command(name = "serve", description = "Serve the API (base path /client/v4).")
final class ServeCommand extends StoreCommand {
    @Option(
            names = "--port",
            defaultValue = "${env:VIGIL_PORT:-8642}",
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}; env VIGIL_PORT).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "${env:VIGIL_HOST:-127.0.0.1}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; env VIGIL_HOST).")
    String host = "127.0.0.1";

    @Option(
            names = "--rate-limit",
            paramLabel = "N/WINDOW",
            defaultValue = "${env:VIGIL_RATE_LIMIT:-off}",
            converter = RateLimitConverter.class,
            description = "Requests each credential may make per window, e.g. 1200/5m (Cloudflare's; also"
                    + " 'cloudflare'), or off (default: ${DEFAULT-VALUE}; env VIGIL_RATE_LIMIT).")
    RateLimit rateLimit = RateLimit.OFF;

    @Option(
            names = "--seal-every",
            paramLabel = "DURATION",
            defaultValue = "${env:VIGIL_SEAL_EVERY:-1s}",
            converter = DurationConverter.class,
            description = "How often to seal the change log, e.g. 1s, 500ms; 0 turns sealing off on this node"
                    + " (default: ${DEFAULT-VALUE}; env VIGIL_SEAL_EVERY).")
    Duration sealEvery = Duration.ofSeconds(1);

    @Option(
            names = "--expire-every",
            paramLabel = "DURATION",
            defaultValue = "${env:VIGIL_EXPIRE_EVERY:-10s}",
            converter = DurationConverter.class,
            description = "How often to reset the classifications whose expiry passed, e.g. 10s; 0 leaves it to"
                    + " other nodes (default: ${DEFAULT-VALUE}; env VIGIL_EXPIRE_EVERY).")
    Duration expireEvery = ServerOptions.EXPIRE_EVERY;

    @Option(
            names = "--max-expiry",
            paramLabel = "DURATION",
            defaultValue = "${env:VIGIL_MAX_EXPIRY:-730d}",
            converter = DurationConverter.class,
            description = "The furthest ahead a classification's expires_on may lie, e.g. 365d"
                    + " (default: ${DEFAULT-VALUE}; env VIGIL_MAX_EXPIRY).")
    Duration maxExpiry = ExpiryPolicy.DEFAULT_HORIZON;

    @Option(
            names = "--require-expiry",
            paramLabel = "CLASSIFICATION=DURATION",
            description = "Require this classification to carry an expires_on at most DURATION ahead, e.g."
                    + " accept_risk=90d; repeatable (default: none required).")
    List<String> requireExpiry = new ArrayList<>();

    @Option(
            names = "--metrics-port",
            paramLabel = "N",
            defaultValue = "${env:VIGIL_METRICS_PORT}",
            description = "Serve Prometheus metrics on http://METRICS-HOST:N/metrics, a listener apart from the"
                    + " API (default: off; 0 picks a free port; env VIGIL_METRICS_PORT).")
    @Nullable
    Integer metricsPort;

    @Option(
            names = "--metrics-host",
            defaultValue = "${env:VIGIL_METRICS_HOST:-127.0.0.1}",
            description = "Address of the metrics listener (default: ${DEFAULT-VALUE}; env VIGIL_METRICS_HOST).")
    String metricsHost = "127.0.0.1";

    @Option(
            names = "--tls-cert",
            paramLabel = "PEM",
            defaultValue = "${env:VIGIL_TLS_CERT}",
            description = "Serve HTTPS with this certificate chain (PEM; with --tls-key; re-read when it changes;"
                    + " env VIGIL_TLS_CERT).")
    @Nullable
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "PEM",
            defaultValue = "${env:VIGIL_TLS_KEY}",
            description = "The certificate's private key (unencrypted PKCS#8 PEM; env VIGIL_TLS_KEY).")
    @Nullable
    Path tlsKey;

    @Option(
            names = "--demo",
            description = "Load a demo account, zone and ~200 insights, and print a fresh edit token.")
    boolean demo;

    @Option(
            names = "--sync-every",
            paramLabel = "DURATION",
            defaultValue = "${env:VIGIL_SYNC_EVERY:-0}",
            converter = DurationConverter.class,
            description = "Run `vigil sync` with --account (and its other options) this often, e.g. 6h; one node at a"
                    + " time; 0: never (default: ${DEFAULT-VALUE}; env VIGIL_SYNC_EVERY).")
    Duration syncEvery = Duration.ZERO;

    @Option(
            names = "--witness",
            paramLabel = "FILE",
            description = "Also write each new checkpoint of the change log to FILE (repeatable), outside the data"
                    + " directory and out of reach of whoever can write the database: the sealer checks the database"
                    + " still extends the newest one it finds there (docs/reliability.md).")
    List<Path> witnesses = new ArrayList<>();

    @Option(
            names = "--allow-private-webhook-targets",
            description = "Let webhook subscriptions post to loopback and private addresses, and over plain http"
                    + " (tests and closed networks; default: public https targets only).")
    boolean privateWebhookTargets;

    /** What the scanners of one scan may take in all: less than a scan's claim, so no other node runs it too. */
    private static final Duration MAX_SCAN = ScanRunner.CLAIM.minusMinutes(1);

    @Option(
            names = "--scanner",
            paramLabel = "NAME=COMMAND",
            description = "A scanner that on-demand scans run (repeatable): COMMAND's words are its argument vector,"
                    + " run without a shell, with only VIGIL_ACCOUNT_ID, VIGIL_ZONE_ID, VIGIL_SCAN_ID,"
                    + " VIGIL_ISSUE_TYPE or VIGIL_ISSUE_CLASS and PATH, HOME, LANG, TZ in its environment; it prints"
                    + " insights as 'vigil insights import' reads them, one per line.")
    List<String> scanners = new ArrayList<>();

    @Option(
            names = "--scanner-timeout",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long one scanner may run before it is stopped and its scan failed; all scanners"
                    + " together at most 9 minutes, within a scan's claim (default: ${DEFAULT-VALUE}).")
    Duration scannerTimeout = Scanner.DEFAULT_TIMEOUT;

    @Mixin
    SyncOptions sync = new SyncOptions();

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options = options();
        Demo.Seeded seeded = null;
        if (demo) {
            try (Backend backend = data.open()) {
                seeded = Demo.seed(backend);
            }
        }
        RunningServer server = data.start(options);
        String scheme = tlsCert == null ? "http" : "https";
        String baseUrl = scheme + "://" + host + ":" + server.port() + "/client/v4";
        PrintWriter out = out();
        out.println("Vigil is serving " + baseUrl + " (data in " + data.describe() + ")");
        out.println("Console: " + scheme + "://" + host + ":" + server.port() + "/");
        if (server.metricsPort() >= 0) {
            out.println("Metrics: http://" + metricsHost + ":" + server.metricsPort() + "/metrics");
        }
        if (seeded != null) {
            seeded.printTryIt(out, baseUrl);
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop(5);
                            stopped.countDown();
                        },
                        "vigil-shutdown"));
        stopped.await();
        return VigilCommand.KEEP_RUNNING;
    }

    private ServerOptions options() {
        ServerOptions options = new ServerOptions(
                new InetSocketAddress(host, port),
                rateLimit,
                null,
                null,
                sealEvery,
                expireEvery,
                expiryPolicy(),
                null,
                false,
                witnesses,
                scanners());
        if (privateWebhookTargets) {
            options = options.withPrivateWebhookTargets();
        }
        if (metricsPort != null) {
            options = options.withMetrics(new InetSocketAddress(metricsHost, metricsPort));
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw refused("--tls-cert and --tls-key go together: give both, or neither");
        }
        if (tlsCert != null && tlsKey != null) {
            options = options.withTls(new TlsFiles(tlsCert, tlsKey));
        }
        if (!syncEvery.isZero()) {
            String account = sync.checkedAccount(spec.commandLine());
            sync.upstream(spec.commandLine()); // a missing token is refused now, not at the first run
            options = options.withSync(new SyncSchedule(
                    syncEvery, account, sync.zones, sync.push, () -> sync.upstream(spec.commandLine())));
        } else if (sync.account != null) {
            throw refused("--account is for --sync-every: give both, or neither");
        }
        return options;
    }

    private List<Scanner> scanners() {
        if (scannerTimeout.isNegative() || scannerTimeout.isZero()) {
            throw refused("--scanner-timeout must be positive");
        }
        List<Scanner> parsed = new ArrayList<>();
        for (String option : scanners) {
            Scanner scanner;
            try {
                scanner = Scanner.parse(option).withTimeout(scannerTimeout);
            } catch (IllegalArgumentException e) {
                throw refused(e.getMessage());
            }
            if (parsed.stream().anyMatch(s -> s.name().equals(scanner.name()))) {
                throw refused("two scanners are named '" + scanner.name() + "'");
            }
            parsed.add(scanner);
        }
        if (scannerTimeout.multipliedBy(parsed.size()).compareTo(MAX_SCAN) > 0) {
            throw refused(parsed.size() + " scanners of --scanner-timeout " + scannerTimeout.toSeconds()
                    + " s could run longer than " + MAX_SCAN.toMinutes() + " minutes, past a scan's claim: give a"
                    + " shorter timeout");
        }
        return parsed;
    }

    private ExpiryPolicy expiryPolicy() {
        if (maxExpiry.isZero()) {
            throw refused("--max-expiry must be positive");
        }
        ExpiryPolicy policy = new ExpiryPolicy(maxExpiry, java.util.Map.of());
        DurationConverter durations = new DurationConverter();
        for (String rule : requireExpiry) {
            int equals = rule.indexOf('=');
            Classification classification = equals < 0
                    ? null
                    : Classification.fromWireName(rule.substring(0, equals)).orElse(null);
            Duration within;
            try {
                within = equals < 0 ? Duration.ZERO : durations.convert(rule.substring(equals + 1));
            } catch (picocli.CommandLine.TypeConversionException e) {
                within = Duration.ZERO;
            }
            if (classification == null || within.isZero()) {
                throw refused("--require-expiry takes CLASSIFICATION=DURATION, such as accept_risk=90d (classification"
                        + " false_positive, accept_risk or other; a duration above 0); got '" + rule + "'");
            }
            policy = policy.requiring(classification, within);
        }
        return policy;
    }

    /** Parses durations: a number and {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}, or {@code 0}. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?").matcher(value);
            if (!m.matches() || (m.group(2) == null && !m.group(1).equals("0"))) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration such as 500ms, 1s, 2m, 12h or 90d (or 0)");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }

    /** Parses {@code --rate-limit}. */
    static final class RateLimitConverter implements picocli.CommandLine.ITypeConverter<RateLimit> {
        @Override
        public RateLimit convert(String value) {
            try {
                return RateLimit.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
