package io.vigil.http;

import io.vigil.error.ApiException;
import io.vigil.error.ErrorCode;
import io.vigil.error.RateLimitedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The faults a server in test mode applies to requests, per route (method and pattern, as in {@link Routes}), after
 * the route is matched and before its handler (so before authentication, as an edge proxy's would be). Only a
 * programmatic start in test mode hands the {@link ApiServer} one; a server without it pays one null check per
 * request.
 *
 * <p>Per request, the rules of its route apply in the order they were added: each {@link Fault.Latency} adds its
 * delay, then the first rule that answers (429, 5xx, dropped connection) answers. Each rule applies a number of times
 * ({@link #UNTIL_CLEARED}: every request until {@link #clear}) and is gone once used up. Thread-safe.
 */
public final class Faults {
    /** A rule's count for "every request until cleared". */
    public static final int UNTIL_CLEARED = -1;

    /** What {@link #apply} turns into for the server: close the connection, send nothing. */
    static final ApiResponse HANG_UP = new ApiResponse(0, new byte[0], Map.of());

    private record Key(String method, String pattern) {}

    private static final class Rule {
        final Fault fault;
        int remaining; // UNTIL_CLEARED or > 0

        Rule(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }

        void use() {
            if (remaining != UNTIL_CLEARED) {
                remaining--;
            }
        }
    }

    private final Map<Key, List<Rule>> rules = new HashMap<>();

    /**
     * Applies {@code fault} to the next {@code times} requests of the route {@code method} {@code pattern} (a
     * pattern of the route table, e.g. {@code /accounts/{account_id}/security-center/insights}), or to every one
     * with {@link #UNTIL_CLEARED}.
     */
    public synchronized void add(String method, String pattern, Fault fault, int times) {
        Objects.requireNonNull(fault, "fault == null");
        if (times < 1 && times != UNTIL_CLEARED) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        rules.computeIfAbsent(new Key(method, pattern), key -> new ArrayList<>())
                .add(new Rule(fault, times));
    }

    /** Removes every rule: requests are answered normally again. */
    public synchronized void clear() {
        rules.clear();
    }

    /**
     * Applies the rules of the route a request matched: waits for their latency, then throws the error one answers
     * with, or returns {@link #HANG_UP} if one drops the connection; {@code null} if the request goes on normally.
     */
    @Nullable
    ApiResponse apply(String method, String pattern) {
        Duration delay = Duration.ZERO;
        Fault answer = null;
        synchronized (this) {
            List<Rule> route = rules.get(new Key(method, pattern));
            if (route == null) {
                return null;
            }
            for (Iterator<Rule> it = route.iterator(); it.hasNext(); ) {
                Rule rule = it.next();
                boolean used = false;
                if (rule.fault instanceof Fault.Latency latency) {
                    delay = delay.plus(latency.delay());
                    used = true;
                } else if (answer == null) {
                    answer = rule.fault;
                    used = true;
                }
                if (used) {
                    rule.use();
                    if (rule.remaining == 0) {
                        it.remove();
                    }
                }
            }
        }
        sleep(delay);
        if (answer == null) {
            return null;
        }
        return switch (answer) {
            case Fault.Latency latency -> null; // never an answer: latencies are summed above
            case Fault.RateLimited limited -> {
                String seconds = Long.toString(limited.retryAfterSeconds());
                throw new RateLimitedException(
                        "Rate limit exceeded (a fault injected in test mode); retry in " + seconds + " seconds",
                        Map.of("Retry-After", seconds));
            }
            case Fault.ServerError error -> throw new Injected(error.code());
            case Fault.DropConnection drop -> HANG_UP;
        };
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during injected latency", e);
        }
    }

    /** The error a {@link Fault.ServerError} answers with, rendered by the {@link ErrorMapper} as any other. */
    private static final class Injected extends ApiException {
        private static final long serialVersionUID = 1L;

        Injected(ErrorCode code) {
            super(
                    code,
                    (code == ErrorCode.INTERNAL_ERROR ? "internal error" : "the database does not answer")
                            + " (a fault injected in test mode)");
        }
    }
}
