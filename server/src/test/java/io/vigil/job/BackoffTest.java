package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The one backoff: doubling, capped, jittered within the upper half, never zero, never past the cap. */
class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofHours(1));

    @Property
    void eachWait_liesInTheUpperHalfOfItsCeiling(
            @ForAll @IntRange(min = -3, max = 200) int attempt, @ForAll @LongRange(min = 0) long seed) {
        long ceiling = Math.min(
                100L << Math.min(Math.max(attempt, 1) - 1, 30),
                Duration.ofHours(1).toMillis());
        Duration wait = backoff.delay(attempt, new SplittableRandom(seed));
        assertThat(wait.toMillis()).isBetween(ceiling / 2, ceiling).isPositive();
    }

    @Property
    void theCeilingDoublesUntilTheCap(@ForAll @IntRange(min = 1, max = 40) int attempt) {
        long lowest = backoff.delay(attempt, new SplittableRandom(1)).toMillis();
        assertThat(lowest).isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
        if (attempt >= 17) { // 100 ms · 2^16 passes an hour
            assertThat(lowest).isGreaterThanOrEqualTo(Duration.ofMinutes(30).toMillis());
        }
    }

    @Property
    void aBackoffThatCannotWait_isRefused(@ForAll @LongRange(min = -5, max = 0) long first) {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(first), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
