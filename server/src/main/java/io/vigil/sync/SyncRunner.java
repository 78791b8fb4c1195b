package io.vigil.sync;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SyncSchedule} in the server: every node tries every minute (or sooner for short periods), and the
 * one that takes the account's turn ({@link SyncLog#takeTurn}: no other node syncing it, the period passed since
 * the last run) syncs, then records a one-line result that {@code /readyz} shows.
 */
public final class SyncRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    /** How long a node may hold the turn before another may take it (a node that died mid-run). */
    static final Duration LEASE = Duration.ofMinutes(30);

    private final Sync sync;
    private final SyncLog log;
    private final SyncSchedule schedule;
    private final InstantSource clock;
    private final String holder;

    /** @param holder this node's id (its data directory's), so a restarted node takes its own turn back at once */
    public SyncRunner(Sync sync, SyncLog log, SyncSchedule schedule, InstantSource clock, String holder) {
        this.sync = sync;
        this.log = log;
        this.schedule = schedule;
        this.clock = clock;
        this.holder = holder;
    }

    /** How often a node tries to take the turn: every minute, or sooner for shorter periods. */
    public Duration tryEvery() {
        return schedule.every().compareTo(Duration.ofMinutes(1)) < 0 ? schedule.every() : Duration.ofMinutes(1);
    }

    /** One attempt: sync if it is this node's turn. */
    public void round() {
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
                    schedule.upstream().get(), schedule.account(), schedule.zones(), false, schedule.push(), l -> {});
            result = line(report);
        } catch (RuntimeException e) {
            result = "failed: " + e.getMessage();
        }
        LOG.info("sync of account {}: {}", schedule.account(), result);
        log.finished(schedule.account(), holder, clock.millis(), clock.instant() + " " + result);
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
}
