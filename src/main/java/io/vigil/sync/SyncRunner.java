package io.vigil.sync;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SyncSchedule} in the server: every node tries every minute (or sooner for short periods), and the
 * one that takes the account's turn ({@link SyncLog#takeTurn}: no other node syncing it, the period passed since
 * the last run) syncs, then records a one-line result that {@code /readyz} shows.
 */
public final class SyncRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    /** How long a node may hold the turn before another may take it (a node that died mid-run). */
    static final Duration LEASE = Duration.ofMinutes(30);

    private final Sync sync;
    private final SyncLog log;
    private final SyncSchedule schedule;
    private final InstantSource clock;
    private final String holder = UUID.randomUUID().toString();
    private @Nullable ScheduledExecutorService scheduler;

    public SyncRunner(Sync sync, SyncLog log, SyncSchedule schedule, InstantSource clock) {
        this.sync = sync;
        this.log = log;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Starts trying on {@code scheduler}; {@link #close} shuts it down. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        long tryEvery =
                Math.min(Duration.ofMinutes(1).toMillis(), schedule.every().toMillis());
        // A round catches what it throws, so the future never completes exceptionally.
        Future<?> unused = scheduler.scheduleWithFixedDelay(this::round, 0, tryEvery, TimeUnit.MILLISECONDS);
    }

    /** One attempt: sync if it is this node's turn. */
    void round() {
        try {
            long now = clock.millis();
            if (!log.takeTurn(
                    schedule.account(),
                    holder,
                    now,
                    now + LEASE.toMillis(),
                    schedule.every().toMillis())) {
                return;
            }
            String result;
            try {
                SyncReport report = sync.run(
                        schedule.upstream().get(),
                        schedule.account(),
                        schedule.zones(),
                        false,
                        schedule.push(),
                        l -> {});
                result = line(report);
            } catch (RuntimeException e) {
                result = "failed: " + e.getMessage();
            }
            LOG.info("sync of account {}: {}", schedule.account(), result);
            log.finished(schedule.account(), holder, clock.millis(), clock.instant() + " " + result);
        } catch (RuntimeException e) {
            LOG.warn("sync round failed; the next round retries", e);
        }
    }

    /** The report in one line, for {@code /readyz} and the log. */
    static String line(SyncReport r) {
        return String.format(
                Locale.ROOT,
                "%s: %d requests, %d added, %d updated, %d resolved, %d pulled, %d pushed, %d conflicts%s",
                r.stopped() == null
                        ? r.complete() ? "complete" : "finished"
                        : r.goesOn() == null ? "stopped" : "not finished (goes on from " + r.goesOn() + ")",
                r.requests(),
                r.added(),
                r.updated(),
                r.resolved(),
                r.decisionsPulled(),
                Math.max(0, r.decisionsPushed()),
                r.conflicts().size(),
                r.stopped() == null ? "" : " (" + r.stopped() + ")");
    }

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
            if (!rounds.awaitTermination(30, TimeUnit.SECONDS)) {
                rounds.shutdownNow();
            }
        } catch (InterruptedException e) {
            rounds.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
