package io.vigil.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.error.AuthenticationException;
import io.vigil.error.PermissionDeniedException;
import io.vigil.error.RateLimitedException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's meters: {@code http_server_requests_seconds} (count, sum and histogram) by route template,
 * method and status, and the refusals of the authentication filter. Labels come only from bounded sets (the
 * route table's templates, a few methods, status codes), never from a raw path, an id or a header, so a scrape
 * holds no tenant data and a hostile client cannot multiply the series. Thread-safe.
 */
final class HttpMetrics {
    /** The route of a request that matched none: unknown paths, wrong methods, bad URLs. */
    static final String UNMATCHED = "unmatched";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** Latency buckets, in seconds, from a commit's fsync to a stuck request (the server's 10 s request cap). */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2_500),
        Duration.ofSeconds(10)
    };

    private static final String AUTH_FAILURES = "Requests refused by the authentication filter: credentials missing,"
            + " malformed, unknown or expired (authentication), or not allowed on that account or zone (permission)";

    private record Key(String method, String route, int status) {}

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();
    private final Counter authenticationFailures;
    private final Counter permissionRefusals;
    private final Counter rateLimited;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.authenticationFailures = Counter.builder("vigil.auth.failures")
                .description(AUTH_FAILURES)
                .tag("reason", "authentication")
                .register(registry);
        this.permissionRefusals = Counter.builder("vigil.auth.failures")
                .description(AUTH_FAILURES)
                .tag("reason", "permission")
                .register(registry);
        this.rateLimited = Counter.builder("vigil.rate.limit.refusals")
                .description("Requests refused with 429 because their credential spent its rate-limit budget")
                .register(registry);
    }

    /** One answered request. */
    void served(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(new Key(METHODS.contains(method) ? method : "other", route, status), this::timer)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request refused by {@code failure}, counted if it is one of the authentication filter's refusals. */
    void refused(RuntimeException failure) {
        if (failure instanceof AuthenticationException) {
            authenticationFailures.increment();
        } else if (failure instanceof PermissionDeniedException) {
            permissionRefusals.increment();
        } else if (failure instanceof RateLimitedException) {
            rateLimited.increment();
        }
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .description("Requests answered, by route template, method and status")
                .tags("method", key.method(), "route", key.route(), "status", String.valueOf(key.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
