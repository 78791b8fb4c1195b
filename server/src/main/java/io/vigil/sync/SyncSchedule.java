package io.vigil.sync;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A sync the server runs every {@code every}: one account (only {@code zones} when some are named), pushing too
 * when {@code push}, through a fresh {@link Upstream} from {@code upstream} each run.
 */
public record SyncSchedule(
        Duration every, String account, List<String> zones, boolean push, Supplier<Upstream> upstream) {
    public SyncSchedule {
        Objects.requireNonNull(upstream, "upstream == null");
        zones = List.copyOf(zones);
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be positive: " + every);
        }
    }
}
