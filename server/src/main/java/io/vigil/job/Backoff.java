package io.vigil.job;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long background work waits before trying again: doubling from {@code first} up to {@code max}, each wait
 * between half of that and all of it (jittered, so nodes and subscriptions that failed together do not retry
 * together, and never at once). The one backoff of every job and of every client Vigil runs.
 *
 * @param first the ceiling of the first wait
 * @param max the ceiling no wait goes past
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        Objects.requireNonNull(first, "first == null");
        Objects.requireNonNull(max, "max == null");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff from " + first + " up to " + max);
        }
    }

    /** The wait before try number {@code attempt + 1}, after {@code attempt} failures (1 for the first). */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = Math.min(first.toMillis() << Math.min(Math.max(attempt, 1) - 1, 30), max.toMillis());
        return Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling - ceiling / 2 + 1));
    }
}
