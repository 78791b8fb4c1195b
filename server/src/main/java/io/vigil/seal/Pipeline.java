package io.vigil.seal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs checks on a thread of its own, one after another in the order submitted, while the submitting thread
 * goes on reading: reading and checking each use a core, and the checks see exactly the sequence they would see
 * on the reading thread. Checks travel in batches through a bounded queue, so the reader runs ahead by little
 * memory. What a check throws is rethrown to the reader, at its next {@link #submit} or at {@link #finish};
 * {@link #close} stops the checks if the reader gives up. One submitting thread.
 */
final class Pipeline implements AutoCloseable {
    /** Checks per hand-off: a queue operation per check would cost as much as some checks. */
    private static final int BATCH = 512;
    /** Batches waiting at most. */
    private static final int DEPTH = 16;

    /** Batches of checks, never empty; an empty one ends. */
    private final BlockingQueue<List<Runnable>> queue = new ArrayBlockingQueue<>(DEPTH);

    private final Thread checker;
    private volatile @Nullable Throwable failure;
    private List<Runnable> batch = new ArrayList<>(BATCH);
    private boolean finished;

    Pipeline(String name) {
        checker = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    private void run() {
        try {
            for (List<Runnable> checks = queue.take(); !checks.isEmpty(); checks = queue.take()) {
                for (Runnable check : checks) {
                    check.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the reader gave up: nothing waits for the checks
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** Runs {@code check} after every check submitted before it. */
    void submit(Runnable check) {
        batch.add(check);
        if (batch.size() == BATCH) {
            send(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Waits until every check submitted has run. */
    void finish() {
        if (!batch.isEmpty()) {
            send(batch);
        }
        send(List.of());
        try {
            checker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the checks ran", e);
        }
        finished = true;
        rethrow();
    }

    private void send(List<Runnable> checks) {
        try {
            while (!queue.offer(checks, 50, TimeUnit.MILLISECONDS)) {
                rethrow(); // the checks stopped, so the queue stays full
                if (!checker.isAlive()) {
                    throw new IllegalStateException("the checks stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over checks", e);
        }
    }

    private void rethrow() {
        Throwable e = failure;
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
    }

    /** Stops the checks if the reader gave up before {@link #finish}, and waits until they have stopped. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        checker.interrupt();
        boolean interrupted = false;
        while (checker.isAlive()) {
            try {
                checker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
