package io.vigil.junit;

import io.vigil.TestMode;
import io.vigil.http.Fault;
import java.time.Duration;

/**
 * Sets the faults of one route. Per request, every latency applies, then the first fault that answers (429, 5xx,
 * dropped connection) in the order set; a fault given a number of times is gone once used up, the others last until
 * cleared. Faults of other routes are untouched.
 */
public final class RouteFaults {
    /** Every request until the faults are cleared. */
    private static final int EVERY = io.vigil.http.Faults.UNTIL_CLEARED;

    private final TestMode server;
    private final String method;
    private final String route;

    RouteFaults(TestMode server, String method, String route) {
        this.server = server;
        this.method = method;
        this.route = route;
    }

    /**
     * Every request of the route waits {@code delay} before it is answered.
     *
     * @throws IllegalArgumentException if the server has no such route
     */
    public RouteFaults latency(Duration delay) {
        return add(new Fault.Latency(delay), EVERY);
    }

    /** The next {@code times} requests of the route wait {@code delay} before they are answered. */
    public RouteFaults latency(Duration delay, int times) {
        return add(new Fault.Latency(delay), times);
    }

    /** Every request of the route is refused with a 429 and {@code Retry-After} (whole seconds, rounded up). */
    public RouteFaults rateLimited(Duration retryAfter) {
        return add(new Fault.RateLimited(retryAfter), EVERY);
    }

    /** The next {@code times} requests of the route are refused with a 429 and {@code Retry-After}. */
    public RouteFaults rateLimited(Duration retryAfter, int times) {
        return add(new Fault.RateLimited(retryAfter), times);
    }

    /**
     * The next {@code times} requests of the route fail with {@code status}: 500 (an unexpected failure) or 503 (the
     * database unavailable, with {@code Retry-After: 1}), the server errors Vigil answers with.
     */
    public RouteFaults serverError(int status, int times) {
        return add(new Fault.ServerError(status), times);
    }

    /** The server closes the connection of the next {@code times} requests of the route without answering. */
    public RouteFaults dropConnection(int times) {
        return add(new Fault.DropConnection(), times);
    }

    private RouteFaults add(Fault fault, int times) {
        server.fault(method, route, fault, times);
        return this;
    }
}
