package io.vigil.scan;

import org.jspecify.annotations.Nullable;

/**
 * What runs a scan: the operator's scanners and, for the synced account, its upstream. It applies what it finds itself,
 * and answers how the run ended; it may block, and may throw (the scan then fails with the exception's message).
 */
@FunctionalInterface
public interface ScanSource {
    /** How a run ended: {@code failure} is null when every source ran and its findings were applied. */
    record Outcome(@Nullable String failure) {
        public static final Outcome COMPLETED = new Outcome(null);

        public static Outcome failed(String reason) {
            return new Outcome(reason);
        }
    }

    Outcome run(Scan scan);

    /** Runs {@code first}, then, unless it failed, {@code then}: a scan of several sources. */
    static ScanSource inOrder(ScanSource first, ScanSource then) {
        return scan -> {
            Outcome outcome = first.run(scan);
            return outcome.failure() != null ? outcome : then.run(scan);
        };
    }
}
