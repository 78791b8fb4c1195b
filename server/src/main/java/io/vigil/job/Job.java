package io.vigil.job;

/** A piece of background work done in rounds, one at a time, by {@link Jobs}. */
@FunctionalInterface
public interface Job {
    /**
     * One round. What it throws is logged and counted, and the next round runs as planned: a round that cannot
     * finish leaves its work for the next one.
     */
    void round() throws Exception;

    /** Runs once when the jobs stop, after the last round has ended (and the shared workers have stopped). */
    default void stop() {}
}
