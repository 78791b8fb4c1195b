package io.vigil.scan;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A round of the scan job: claims the queued scans one at a time, marks each running, runs it with the {@link
 * ScanSource} and records how it ended, never inside a request. A scan whose node stopped while running it is
 * claimed again once that node's claim ends, and run again from the start; after {@link #MAX_ATTEMPTS} runs that
 * never ended it fails, so no scan stays running forever. Rounds must not overlap on one node (the job runner
 * sees to it); several nodes may run rounds at once, as each scan goes to one of them.
 */
public final class ScanRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScanRunner.class);

    /** How many times a scan is started before its node's stopping is taken as the scan's failure. */
    public static final int MAX_ATTEMPTS = 3;

    /**
     * How long a claim holds: longer than a scan's sources may run ({@code serve} refuses scanners whose timeouts
     * add up past 9 minutes), so no other node starts the scan meanwhile.
     */
    public static final Duration CLAIM = Duration.ofMinutes(10);

    private final ScanStore store;
    private final ScanSource source;
    private final InstantSource clock;
    private final String nodeId;

    public ScanRunner(ScanStore store, ScanSource source, InstantSource clock, String nodeId) {
        this.store = store;
        this.source = source;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Runs every scan it can claim now; returns how many it ended. */
    public int round() {
        int ended = 0;
        for (Optional<ScanStore.Claim> claim = claim(); claim.isPresent(); claim = claim()) {
            ended += run(claim.get()) ? 1 : 0;
        }
        return ended;
    }

    private Optional<ScanStore.Claim> claim() {
        Instant now = clock.instant();
        return store.claim(nodeId, now, now.plus(CLAIM));
    }

    private boolean run(ScanStore.Claim claim) {
        Scan scan = claim.scan();
        if (claim.attempt() > MAX_ATTEMPTS) {
            return end(
                    scan,
                    "the node running it stopped " + (claim.attempt() - 1) + " times before it ended; not run again");
        }
        String failure;
        try {
            failure = source.run(scan).failure();
        } catch (RuntimeException e) {
            LOG.warn("scan {} of account {} failed", scan.id(), scan.accountId(), e);
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return end(scan, failure);
    }

    private boolean end(Scan scan, @Nullable String failure) {
        ScanStatus status = failure == null ? ScanStatus.COMPLETED : ScanStatus.FAILED;
        boolean ended = store.finish(scan.id(), nodeId, status, failure, clock.instant());
        if (!ended) {
            LOG.warn("scan {} was taken over by another node before it ended here; its end is that node's", scan.id());
        }
        return ended;
    }
}
