package io.vigil.webhook;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Lets deliveries give way to the API while the host's CPUs are saturated. Deliveries are background work: a
 * change is already committed and durable when it waits for its webhook. So while nearly every CPU has been busy
 * for {@link #SUSTAINED} polls running (a burst, such as a second's changes sealed at once, is not saturation) and
 * changes are still being made, a worker that has just sent a batch waits {@link #RATIO} times as long as the
 * batch took before it sends the next: deliveries then take at most a quarter of their worker's time. Below
 * saturation nothing waits and the delivery lag is unchanged; at saturation deliveries fall behind (still at least
 * once and in order) and catch up once the load drops, or at full speed once no more changes come (a backlog
 * alone, or other work on the host, is no reason to wait). Thread-safe.
 */
final class CpuShare {
    /** The share of all CPUs busy, over the last sample, from which the host counts as saturated. */
    static final double SATURATED = 0.9;

    /** How many polls running the host must have been saturated before deliveries give way. */
    static final int SUSTAINED = 4;

    /** How many times a batch's own time a worker waits after it while the host is saturated. */
    static final int RATIO = 3;

    /** How long after the sealed log last grew changes count as still being made: a few of the sealer's intervals. */
    static final Duration CHANGING = Duration.ofSeconds(3);

    private final DoubleSupplier hostLoad;
    private final LongSupplier nanoTime;
    private long lastPosition = -1;
    private long grewAt;
    private int saturatedPolls;
    private boolean giveWay;

    /**
     * @param hostLoad the share of all the host's CPUs busy since it was last asked, negative if not known
     * @param nanoTime a monotonic clock, as {@link System#nanoTime}
     */
    CpuShare(DoubleSupplier hostLoad, LongSupplier nanoTime) {
        this.hostLoad = hostLoad;
        this.nanoTime = nanoTime;
    }

    /** The host's CPU load as the JVM reads it (the whole host, or the container it runs in). */
    static CpuShare ofHost() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean host) {
            return new CpuShare(host::getCpuLoad, System::nanoTime);
        }
        return new CpuShare(() -> -1, System::nanoTime); // not known: never waits
    }

    /**
     * Takes a new sample; called once per poll, so each covers one poll's time. {@code sealedPosition} is read only
     * while the host is saturated.
     */
    synchronized void sample(LongSupplier sealedPosition) {
        if (hostLoad.getAsDouble() < SATURATED) {
            saturatedPolls = 0;
            giveWay = false;
            return;
        }
        saturatedPolls = Math.min(saturatedPolls + 1, SUSTAINED);
        long now = nanoTime.getAsLong();
        long position = sealedPosition.getAsLong();
        if (position != lastPosition) {
            lastPosition = position;
            grewAt = now;
        }
        giveWay = saturatedPolls >= SUSTAINED && now - grewAt < CHANGING.toNanos();
    }

    /** How long to wait before the next batch after one that took {@code batch}. */
    synchronized Duration waitAfter(Duration batch) {
        return giveWay ? batch.multipliedBy(RATIO) : Duration.ZERO;
    }
}
