package io.vigil.scan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    /** A scan a node claimed to run: the scan (now running), and which run of it this is (1 for the first). */
    record Claim(Scan scan, int attempt) {}

    /**
     * Claims the oldest scan that is queued, or running under a claim that ended before {@code now} (the node
     * running it stopped), for {@code holder} until {@code until}: it becomes running. A compare-and-set: of
     * several nodes claiming at once, each scan goes to one.
     */
    Optional<Claim> claim(String holder, Instant now, Instant until);

    /** Extends {@code holder}'s claim of a running scan to {@code until}; false if another node took it over. */
    boolean renew(String scanId, String holder, Instant until);

    /**
     * Ends a running scan {@code holder} holds as {@code status} (finished; {@code reason} exactly when it failed)
     * at {@code at}. False, and nothing changed, if the holder lost the claim meanwhile.
     */
    boolean finish(String scanId, String holder, ScanStatus status, @Nullable String reason, Instant at);
}
