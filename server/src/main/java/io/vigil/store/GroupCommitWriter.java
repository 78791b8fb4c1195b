package io.vigil.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.error.ApiException;
import io.vigil.error.ErrorCode;
import io.vigil.error.UnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes every write waiting in the queue (up to {@link #MAX_BATCH}), applies
 * them in one transaction with JDBC batches, commits once (one {@code fsync}) and only then answers
 * each caller. Under load, one commit serves many requests; alone, a request waits for one commit.
 *
 * <p>Writes keep their queue order inside a batch, so two conflicting compare-and-sets in one batch
 * resolve exactly as if committed one after the other. If a batch fails, each write is retried in a
 * transaction of its own, so one bad write cannot fail its neighbours. Thread-safe.
 *
 * <p>With several threads, each takes its own batches from the queue and commits them on its own
 * connection, so one batch is being built and sent while another waits for its {@code fsync}. Only for a
 * database that re-checks a compare-and-set against the newest committed row (PostgreSQL): two
 * concurrent batches then behave like the batches of two nodes.
 *
 * @param <W> the write
 * @param <R> the result of a write
 */
final class GroupCommitWriter<W, R> implements AutoCloseable {
    static final int MAX_BATCH = 512;
    private static final int QUEUE_CAPACITY = 16_384;
    private static final long ANSWER_TIMEOUT_SECONDS = 120;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** Applies writes in order on a connection inside an open transaction, giving each its outcome. */
    @FunctionalInterface
    interface BatchWork<W, R> {
        Applied<R> apply(Connection connection, List<W> writes) throws SQLException;
    }

    /**
     * What a batch did: for each write a result, or the {@link ApiException} that refuses it alone (the
     * others still commit); and what to do once the batch is committed, before the callers are answered
     * (never run if the commit fails).
     */
    static final class Applied<R> {
        private final @Nullable Object[] outcomes;
        private Runnable afterCommit = () -> {};

        Applied(int writes) {
            this.outcomes = new Object[writes];
        }

        void succeed(int write, R result) {
            outcomes[write] = result;
        }

        void refuse(int write, ApiException refusal) {
            outcomes[write] = refusal;
        }

        void afterCommit(Runnable action) {
            this.afterCommit = action;
        }

        void runAfterCommit() {
            afterCommit.run();
        }

        @SuppressWarnings("unchecked") // only succeed(R) and refuse(ApiException) store outcomes
        void answer(int write, CompletableFuture<R> caller) {
            Object outcome = outcomes[write];
            if (outcome instanceof ApiException refusal) {
                caller.completeExceptionally(refusal);
            } else if (outcome == null) {
                caller.completeExceptionally(
                        new IllegalStateException("the batch gave write " + write + " no outcome"));
            } else {
                caller.complete((R) outcome);
            }
        }
    }

    private record Pending<W, R>(W write, CompletableFuture<R> result) {}

    private final Database database;
    private final BatchWork<W, R> work;
    private final BlockingQueue<Pending<W, R>> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Thread> threads;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private volatile boolean closed;

    /**
     * @param threads how many batches may be committing at once (1 for SQLite: it has one writer)
     * @param meters where the writer's batch sizes, commit times and queue depth go, tagged {@code writer=name}
     */
    GroupCommitWriter(Database database, BatchWork<W, R> work, String name, int threads, MeterRegistry meters) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.database = database;
        this.work = work;
        this.batchSizes = DistributionSummary.builder("vigil.writer.batch.size")
                .description("Writes per group commit")
                .tag("writer", name)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, MAX_BATCH)
                .register(meters);
        this.commits = Timer.builder("vigil.writer.commit")
                .description("Time to apply and durably commit one batch")
                .tag("writer", name)
                .serviceLevelObjectives(
                        Duration.ofMillis(1),
                        Duration.ofMillis(2),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofSeconds(1))
                .register(meters);
        Gauge.builder("vigil.writer.queue.depth", queue, BlockingQueue::size)
                .description("Writes waiting for a batch (the queue holds " + QUEUE_CAPACITY + ")")
                .tag("writer", name)
                .register(meters);
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            started.add(Thread.ofPlatform()
                    .name(threads == 1 ? name : name + "-" + i)
                    .daemon(false)
                    .start(this::run));
        }
        this.threads = List.copyOf(started);
    }

    /** Queues {@code write}, waits until its batch is durably committed, and returns its result. */
    R submit(W write) {
        if (closed) {
            throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "the server is shutting down; retry", null);
        }
        Pending<W, R> pending = new Pending<>(write, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new UnavailableException(
                    ErrorCode.OVERLOADED,
                    QUEUE_CAPACITY + " writes are already queued; nothing was changed, retry",
                    null);
        }
        try {
            return pending.result().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException(
                    ErrorCode.STORE_UNAVAILABLE, "the database did not answer in time; retry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "interrupted; retry", e);
        }
    }

    private void run() {
        List<Pending<W, R>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Pending<W, R> first;
            try {
                first = queue.poll(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Pending<W, R>> batch) {
        List<W> writes = batch.stream().map(Pending::write).toList();
        Applied<R> applied;
        long started = System.nanoTime();
        try {
            applied = database.transaction(connection -> work.apply(connection, writes));
            commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            batchSizes.record(batch.size());
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                LOG.warn("batch of {} writes failed; retrying them one by one", batch.size(), e);
                for (Pending<W, R> pending : batch) {
                    commit(List.of(pending));
                }
            } else {
                if (!(e instanceof ApiException)) {
                    LOG.error("write failed", e);
                }
                batch.get(0).result().completeExceptionally(e);
            }
            return;
        }
        try {
            applied.runAfterCommit();
        } catch (RuntimeException e) { // committed all the same: never retried, never failed to the callers
            LOG.error("after-commit action failed", e);
        }
        for (int i = 0; i < batch.size(); i++) {
            applied.answer(i, batch.get(i).result());
        }
    }

    /** Stops taking writes, commits every write already queued, and returns when the threads are done. */
    @Override
    public void close() {
        closed = true;
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending<W, R> late; (late = queue.poll()) != null; ) { // queued after the threads' last look
            late.result()
                    .completeExceptionally(new UnavailableException(
                            ErrorCode.STORE_UNAVAILABLE, "the server is shutting down; retry", null));
        }
    }
}
