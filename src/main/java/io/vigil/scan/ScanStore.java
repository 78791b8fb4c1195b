package io.vigil.scan;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where scans are kept (the port; {@code store.JdbcScanStore} implements it). Implementations are thread-safe. */
public interface ScanStore {
    /** What {@link #start} did. */
    sealed interface Admission {
        /** The scan was stored. */
        record Started() implements Admission {}

        /** The account already started {@code limit} scans since the window's start; the oldest of them started then. */
        record Refused(Instant oldestInWindow) implements Admission {}
    }

    /**
     * Stores {@code scan} unless its account already has {@code limit} scans started after {@code windowStart}:
     * the count and the insert are one transaction, taken one at a time by every process and node, so no account
     * ever gets more than {@code limit} in a window.
     */
    Admission start(Scan scan, Instant windowStart, int limit);

    /** How many scans of {@code accountId} (its own and its zones') started after {@code windowStart}. */
    int startedSince(String accountId, Instant windowStart);

    /**
     * The newest {@code limit} scans of {@code accountId}, newest first: all of them when {@code zoneId} is null,
     * else those of that zone and those of the whole account.
     */
    List<Scan> recent(String accountId, @Nullable String zoneId, int limit);
}
