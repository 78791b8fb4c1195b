package io.vigil.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a server's background {@link Job}s on one scheduler: each every so often (a fixed delay between the end of
 * a round and the start of the next, so rounds of one job never overlap), each measured (meters {@code
 * vigil.job.rounds}, {@code vigil.job.failures}, {@code vigil.job.last.success} with the tag {@code job}) and, while
 * its rounds fail, named by {@link #failing()}. One shutdown policy for all: {@link #close} starts no new round,
 * waits up to {@link #GRACE} for the rounds in progress, interrupts what is left, stops the shared workers the same
 * way, then runs each job's {@link Job#stop} in the reverse order of registration. Thread-safe.
 */
public final class Jobs implements AutoCloseable {
    /** How long stopping waits for rounds (and workers) in progress before interrupting them. */
    public static final Duration GRACE = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;
    private final InstantSource clock;
    private final List<Entry> entries = new ArrayList<>();
    private final List<ExecutorService> workers = new ArrayList<>();
    private boolean closed;

    private static final class Entry {
        final String name;
        final Job job;
        final Timer rounds;
        final Counter failures;
        volatile long lastSuccessMs;
        final AtomicInteger failingFor = new AtomicInteger();
        volatile @Nullable String lastError;

        Entry(String name, Job job, MeterRegistry meters) {
            this.name = name;
            this.job = job;
            this.rounds = Timer.builder("vigil.job.rounds")
                    .description("Rounds of a background job, and how long they took")
                    .tag("job", name)
                    .register(meters);
            this.failures = Counter.builder("vigil.job.failures")
                    .description("Rounds of a background job that failed")
                    .tag("job", name)
                    .register(meters);
        }
    }

    public Jobs(MeterRegistry meters, InstantSource clock) {
        this.meters = meters;
        this.clock = clock;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(
                4, Thread.ofPlatform().name("vigil-job-", 0).daemon().factory());
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.scheduler = pool;
    }

    /** Runs {@code job} now and then every {@code every} after each round ends, as {@code name}. */
    public synchronized void every(String name, Duration every, Job job) {
        if (closed) {
            throw new IllegalStateException("the jobs are stopped");
        }
        Entry entry = new Entry(name, job, meters);
        Gauge.builder("vigil.job.last.success", entry, e -> e.lastSuccessMs / 1000.0)
                .description("When a background job's last round succeeded (seconds since the epoch; 0: never)")
                .tag("job", name)
                .register(meters);
        entries.add(entry);
        // A round catches what it throws, so the future never completes exceptionally.
        Future<?> unused = scheduler.scheduleWithFixedDelay(
                () -> round(entry), 0, Math.max(1, every.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Threads for a job whose round hands work out (one per busy webhook subscription): stopped with the jobs,
     * before their {@link Job#stop}.
     */
    public synchronized ExecutorService workers(String threadPrefix) {
        ExecutorService pool = Executors.newCachedThreadPool(
                Thread.ofPlatform().name(threadPrefix, 0).daemon().factory());
        workers.add(pool);
        return pool;
    }

    private void round(Entry entry) {
        long started = System.nanoTime();
        try {
            entry.job.round();
            entry.lastSuccessMs = clock.millis();
            entry.failingFor.set(0);
            entry.lastError = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            entry.failures.increment();
            entry.failingFor.incrementAndGet();
            entry.lastError = String.valueOf(e.getMessage());
            LOG.warn("background job {}: a round failed; the next one tries again", entry.name, e);
        } finally {
            entry.rounds.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** The jobs whose last round failed, each with how many rounds in a row and why: empty when all are well. */
    public synchronized Map<String, String> failing() {
        Map<String, String> failing = new LinkedHashMap<>();
        for (Entry entry : entries) {
            int failed = entry.failingFor.get();
            if (failed > 0) {
                failing.put(entry.name, failed + " round(s) in a row failed: " + entry.lastError);
            }
        }
        return failing;
    }

    @Override
    public void close() {
        List<Entry> stopping;
        List<ExecutorService> pools;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = new ArrayList<>(entries);
            pools = new ArrayList<>(workers);
        }
        scheduler.shutdown();
        awaitOrInterrupt(scheduler, "rounds");
        for (ExecutorService pool : pools) {
            pool.shutdownNow(); // what a worker did not finish is left for the next start
            awaitOrInterrupt(pool, "workers");
        }
        for (int i = stopping.size() - 1; i >= 0; i--) {
            try {
                stopping.get(i).job.stop();
            } catch (RuntimeException e) {
                LOG.warn("background job {}: stopping failed", stopping.get(i).name, e);
            }
        }
    }

    private static void awaitOrInterrupt(ExecutorService pool, String what) {
        try {
            if (!pool.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("background {} still running {} after shutdown; interrupting them", what, GRACE);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
