package io.vigil.insight;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets expired classifications every {@code every}, first right away (what expired while the server was
 * down). A round resets everything due, {@link #BATCH} at a time; a failed round is logged and the next one
 * tries again; rounds never overlap. Every node runs one; the compare-and-set of each reset makes exactly one
 * of them record it. Thread-safe.
 */
public final class Expirer implements AutoCloseable {
    /** How many due classifications one pass reads and resets. */
    static final int BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(Expirer.class);

    private final InsightService insights;
    private @Nullable ScheduledExecutorService scheduler;

    public Expirer(InsightService insights) {
        this.insights = insights;
    }

    /** Starts the rounds on {@code scheduler} every {@code every}; {@link #close} shuts the scheduler down. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration every) {
        this.scheduler = scheduler;
        // A round catches what it throws, so the future never completes exceptionally.
        Future<?> unused = scheduler.scheduleWithFixedDelay(this::round, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            int reset = expireDue();
            if (reset > 0) {
                LOG.info("reset {} expired classifications", reset);
            }
        } catch (RuntimeException e) {
            LOG.warn("resetting expired classifications failed; the next round tries again", e);
        }
    }

    /** Resets every classification due now; returns how many this node reset. */
    public synchronized int expireDue() {
        int total = 0;
        while (true) {
            int due = insights.expireDue(BATCH);
            total += due;
            if (due < BATCH) {
                return total;
            }
        }
    }

    /** Stops the rounds, letting one in progress finish. */
    @Override
    public void close() {
        ScheduledExecutorService rounds;
        synchronized (this) {
            rounds = scheduler;
        }
        if (rounds == null) {
            return;
        }
        rounds.shutdown();
        try {
            if (!rounds.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("an expiry round did not end within 10 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
