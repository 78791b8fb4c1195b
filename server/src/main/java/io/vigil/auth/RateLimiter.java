package io.vigil.auth;

import io.vigil.error.RateLimitedException;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts each principal's requests in fixed windows of {@link RateLimit#window()} that start at its first
 * request. Past the budget every request is refused until the window ends: Cloudflare blocks "all API calls
 * for the next five minutes". Answers carry Cloudflare's {@code Ratelimit} and {@code Ratelimit-Policy}
 * headers, and a refusal also {@code retry-after}. Thread-safe; memory is bounded by pruning ended windows.
 */
public final class RateLimiter {
    private static final int PRUNE_ABOVE = 100_000;

    private record Window(long startMillis, long count) {}

    private final RateLimit limit;
    private final InstantSource clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(RateLimit limit, InstantSource clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * Counts one request of {@code principal} and returns the headers to send with its answer (none when
     * the limit is off).
     *
     * @throws RateLimitedException if the principal has used up its budget for the current window
     */
    public Map<String, String> acquire(Principal principal) {
        if (!limit.enabled()) {
            return Map.of();
        }
        long now = clock.millis();
        long windowMillis = limit.window().toMillis();
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> now - w.startMillis() >= windowMillis);
        }
        Window window = windows.compute(
                principal.actor(),
                (key, w) -> w == null || now - w.startMillis() >= windowMillis
                        ? new Window(now, 1)
                        : new Window(w.startMillis(), w.count() + 1));
        long resetSeconds = Math.max(1, ceilDiv(window.startMillis() + windowMillis - now, 1000));
        long remaining = Math.max(0, limit.requests() - window.count());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Ratelimit", "\"default\";r=" + remaining + ";t=" + resetSeconds);
        headers.put(
                "Ratelimit-Policy",
                "\"default\";q=" + limit.requests() + ";w=" + limit.window().toSeconds());
        if (window.count() > limit.requests()) {
            headers.put("Retry-After", Long.toString(resetSeconds));
            throw new RateLimitedException(
                    "Rate limit exceeded: " + limit.requests() + " requests per "
                            + limit.window().toSeconds() + " seconds; retry in " + resetSeconds + " seconds",
                    headers);
        }
        return headers;
    }

    /** Forgets every principal's window, as if none had made a request yet: test mode's reset. */
    public void clear() {
        windows.clear();
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
