package io.vigil;

import io.vigil.auth.RateLimit;
import io.vigil.cli.Backend;
import io.vigil.cli.ServerOptions;
import io.vigil.http.ApiServer;
import io.vigil.http.Fault;
import io.vigil.http.Faults;
import io.vigil.http.Route;
import io.vigil.insight.ExpiryPolicy;
import io.vigil.store.StoreSnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The real server started for a test (the JUnit extension's): on a free loopback port, over an embedded database in
 * a data directory, with what only a test may do to it — faults on a route, answered by the HTTP layer itself, and a
 * reset back to a remembered state. Only {@link #start} makes one: no command, option, environment variable or route
 * of {@code vigil serve} leads here (ServeCannotEnterTestModeTest).
 *
 * <p>The server does not seal: a reset rewinds the change log, which is exactly what a sealer exists to refuse, so
 * the audit seal and proof routes answer as on a server that has sealed nothing yet. Everything else runs as {@code
 * vigil serve} runs it (expiry, webhook deliveries, scans). Thread-safe.
 */
public final class TestMode implements AutoCloseable {
    private final Main.Server server;
    private final Faults faults;
    private @Nullable StoreSnapshot remembered;

    private TestMode(Main.Server server, Faults faults) {
        this.server = server;
        this.faults = faults;
    }

    /** Starts a server on {@code dataDir} (created if needed), each credential limited to {@code rateLimit}. */
    public static TestMode start(Path dataDir, RateLimit rateLimit) {
        ServerOptions options = new ServerOptions(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        rateLimit,
                        null,
                        null,
                        java.time.Duration.ZERO, // no sealing: see the class comment
                        ServerOptions.EXPIRE_EVERY,
                        ExpiryPolicy.NONE,
                        null,
                        false,
                        List.of(),
                        List.of())
                .withPrivateWebhookTargets(); // a test's receivers listen on loopback
        Faults faults = new Faults();
        return new TestMode(Main.start(null, dataDir, dataDir, options, faults), faults);
    }

    /** The port the API listens on (loopback). */
    public int port() {
        return server.port();
    }

    /** The stores and services the server runs on, to seed what a test needs and read what it did. */
    public Backend backend() {
        return server.backend();
    }

    /**
     * Applies {@code fault} to the next {@code times} requests of the route {@code method} {@code pattern} ({@link
     * Faults#UNTIL_CLEARED}: every one until {@link #reset} or {@link #clearFaults}).
     *
     * @param pattern a pattern of the route table, below {@code /client/v4} (which may be given too), e.g. {@code
     *     /accounts/{account_id}/security-center/insights/{issue_id}/classification}
     * @throws IllegalArgumentException if the server has no such route
     */
    public void fault(String method, String pattern, Fault fault, int times) {
        String below = pattern.startsWith(ApiServer.BASE_PATH + "/")
                ? pattern.substring(ApiServer.BASE_PATH.length())
                : pattern;
        List<Route> routes = server.routes();
        if (routes.stream()
                .noneMatch(r -> r.method().equals(method) && r.pattern().equals(below))) {
            throw new IllegalArgumentException("no route " + method + " " + below + " in the route table; routes with"
                    + " that path: "
                    + routes.stream()
                            .filter(r -> r.pattern().equals(below))
                            .map(Route::method)
                            .collect(Collectors.joining(", ", "[", "]")));
        }
        faults.add(method, below, fault, times);
    }

    /** Removes every fault: requests are answered normally again. */
    public void clearFaults() {
        faults.clear();
    }

    /** Remembers the database as it is now: what {@link #reset} returns to. */
    public void remember() {
        remembered = StoreSnapshot.take(server.backend().database());
    }

    /**
     * Returns the database to what {@link #remember} remembered (in one transaction), forgets every credential's
     * rate-limit window and removes every fault.
     *
     * @throws IllegalStateException if nothing was remembered
     */
    public void reset() {
        StoreSnapshot snapshot = remembered;
        if (snapshot == null) {
            throw new IllegalStateException("nothing to reset to: call remember() first");
        }
        faults.clear();
        server.rateLimiter().clear();
        snapshot.restore();
    }

    /** Stops the server and closes its database; the data directory is left in place. */
    @Override
    public void close() {
        server.stop(0);
    }
}
