package io.vigil.seal;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the change log every {@code every}: each round seals everything committed and unsealed, in seals of at
 * most {@link #MAX_PER_SEAL} entries. A failed round is logged and the next one tries again; rounds never
 * overlap. On several nodes each runs a sealer and the store makes them take turns. Thread-safe.
 */
public final class Sealer implements AutoCloseable {
    /** The most entries one seal covers: bounds a sealing transaction and an inclusion proof's work. */
    public static final int MAX_PER_SEAL = 4_096;

    private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);

    private final SealStore store;
    private final SigningKey key;
    private final InstantSource clock;
    private final Consumer<Seal> sealed;
    private @Nullable ScheduledExecutorService scheduler;

    /**
     * @param sealed told of every seal made, after its commit (e.g. to keep the newest checkpoint outside the
     *     database)
     */
    public Sealer(SealStore store, SigningKey key, InstantSource clock, Consumer<Seal> sealed) {
        this.store = store;
        this.key = key;
        this.clock = clock;
        this.sealed = sealed;
    }

    /**
     * Starts sealing on {@code scheduler} every {@code every}, first right away (what waited while the server
     * was down); {@link #close} shuts the scheduler down.
     */
    public synchronized void start(ScheduledExecutorService scheduler, Duration every) {
        this.scheduler = scheduler;
        // A round catches what it throws, so the future never completes exceptionally.
        Future<?> unused = scheduler.scheduleWithFixedDelay(this::round, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            sealPending();
        } catch (RuntimeException e) {
            LOG.warn("sealing the change log failed; the next round tries again", e);
        }
    }

    /** Seals every entry committed and unsealed now; returns the last seal made, or null if none was waiting. */
    public synchronized @Nullable Seal sealPending() {
        Seal last = null;
        while (true) {
            Seal seal = store.sealNext(MAX_PER_SEAL, key, clock.instant());
            if (seal == null) {
                return last;
            }
            last = seal;
            sealed.accept(seal);
            if (seal.lastPosition() - seal.firstPosition() + 1 < MAX_PER_SEAL) {
                return last;
            }
        }
    }

    /** Stops the rounds, then seals what is still waiting, if the database still answers. */
    @Override
    public void close() {
        ScheduledExecutorService rounds;
        synchronized (this) {
            rounds = scheduler;
        }
        try {
            if (rounds != null) {
                rounds.shutdown();
                if (!rounds.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("a sealing round did not end within 10 s of shutdown");
                }
            }
            sealPending();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("sealing at shutdown failed; the next start seals what waited", e);
        }
    }
}
