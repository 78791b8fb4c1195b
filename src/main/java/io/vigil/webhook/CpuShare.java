package io.vigil.webhook;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Lets deliveries give way to the API while the host's CPUs are saturated. Deliveries are background work: a
 * change is already committed and durable when it waits for its webhook. So a worker that has just sent a batch
 * while nearly every CPU was busy waits {@link #RATIO} times as long as the batch took before it sends the next:
 * deliveries then take at most a quarter of their worker's time. Below saturation nothing waits and the delivery
 * lag is unchanged; at saturation deliveries fall behind (still at least once and in order) and catch up once the
 * load drops. Thread-safe.
 */
final class CpuShare {
    /** The share of all CPUs busy, over the last sample, from which the host counts as saturated. */
    static final double SATURATED = 0.9;

    /** How many times a batch's own time a worker waits after it while the host is saturated. */
    static final int RATIO = 3;

    private final DoubleSupplier hostLoad;
    private volatile double load = -1;

    /** @param hostLoad the share of all the host's CPUs busy since it was last asked, negative if not known */
    CpuShare(DoubleSupplier hostLoad) {
        this.hostLoad = hostLoad;
    }

    /** The host's CPU load as the JVM reads it (the whole host, or the container it runs in). */
    static CpuShare ofHost() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean host) {
            return new CpuShare(host::getCpuLoad);
        }
        return new CpuShare(() -> -1); // not known: never waits
    }

    /** Takes a new sample of the host's load; called once per poll, so each sample covers one poll's time. */
    void sample() {
        load = hostLoad.getAsDouble();
    }

    /** How long to wait before the next batch after one that took {@code batch}. */
    Duration waitAfter(Duration batch) {
        return load >= SATURATED ? batch.multipliedBy(RATIO) : Duration.ZERO;
    }
}
