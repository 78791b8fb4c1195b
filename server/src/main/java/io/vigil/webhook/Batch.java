package io.vigil.webhook;

import io.vigil.audit.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch of changes to one subscription: each insight's changes one after another, in the log's order,
 * up to {@code lanes} insights at a time; the first failure stops every lane from starting another send. What the
 * batch acknowledged is its longest prefix of changes sent or skipped: the cursor moves there and no further, so a
 * change after a gap is sent again (at least once) and no insight's changes are ever received out of order. A
 * lane starts no send past the batch's time (after its first), so the cursor is stored at least that often and a
 * crash re-sends at most that much of what was acknowledged. A send that throws is a failure of the batch like a
 * receiver's (with the exception as its reason), except an {@link Error}, which {@link #send} throws once every lane
 * has stopped: the process is broken, and its caller must stop delivering, not retry.
 */
final class Batch {
    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    /** What one change came to. */
    record Attempt(boolean delivered, @Nullable String failure) {
        static final Attempt DELIVERED = new Attempt(true, null);
        static final Attempt SKIPPED = new Attempt(false, null);

        static Attempt failed(String why) {
            return new Attempt(false, why);
        }
    }

    /** Sends (or skips) one change. */
    @FunctionalInterface
    interface Sender {
        Attempt send(Change change);
    }

    /** Where the cursor may move, how many changes up to there were delivered, and the first failure. */
    record Outcome(long cursor, int delivered, @Nullable String failure) {}

    private Batch() {}

    /**
     * Sends {@code changes} (after {@code from}) on up to {@code lanes} lanes, each starting no send after
     * {@code stopStartingNanos} ({@link System#nanoTime}) except its first.
     */
    static Outcome send(List<Change> changes, long from, int lanes, long stopStartingNanos, Sender sender) {
        Map<String, List<Integer>> byInsight = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            byInsight
                    .computeIfAbsent(changes.get(i).entry().issueId(), k -> new ArrayList<>())
                    .add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(byInsight.values());
        @Nullable Attempt[] attempts = new Attempt[changes.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<@Nullable String> failure = new AtomicReference<>();
        AtomicReference<@Nullable Error> died = new AtomicReference<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int lane = 0; lane < Math.min(lanes, groups.size()); lane++) {
                pool.execute(() -> {
                    try {
                        lane(groups, changes, next, failure, attempts, stopStartingNanos, sender);
                    } catch (RuntimeException e) { // a fault of this process, not the receiver's: a failed attempt
                        LOG.error("a webhook send failed unexpectedly", e);
                        failure.compareAndSet(null, "sending failed in Vigil: " + e);
                    } catch (Error e) { // the process itself is broken: the caller must know, not retry
                        died.compareAndSet(null, e);
                        failure.compareAndSet(null, "sending failed in Vigil: " + e);
                    }
                });
            }
        } // waits for every lane: their writes to attempts happen-before what follows
        Error error = died.get();
        if (error != null) {
            throw error;
        }
        long cursor = from;
        int delivered = 0;
        for (int i = 0; i < changes.size() && attempts[i] != null; i++) {
            cursor = Math.max(cursor, changes.get(i).position());
            delivered += attempts[i].delivered() ? 1 : 0;
        }
        return new Outcome(cursor, delivered, failure.get());
    }

    /** One lane: takes the next insight's changes and sends them in order, until none is left or one failed. */
    private static void lane(
            List<List<Integer>> groups,
            List<Change> changes,
            AtomicInteger next,
            AtomicReference<@Nullable String> failure,
            @Nullable Attempt[] attempts,
            long stopStartingNanos,
            Sender sender) {
        boolean first = true;
        for (int g = next.getAndIncrement(); g < groups.size() && failure.get() == null; g = next.getAndIncrement()) {
            for (int i : groups.get(g)) {
                if (failure.get() != null || (!first && System.nanoTime() - stopStartingNanos > 0)) {
                    return;
                }
                first = false;
                Attempt attempt = sender.send(changes.get(i));
                if (attempt.failure() != null) {
                    failure.compareAndSet(null, attempt.failure());
                    return;
                }
                attempts[i] = attempt;
            }
        }
    }
}
