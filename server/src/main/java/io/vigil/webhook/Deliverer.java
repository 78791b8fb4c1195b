package io.vigil.webhook;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.Change;
import io.vigil.insight.Insight;
import io.vigil.job.Backoff;
import io.vigil.job.Job;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every subscription's changes. Every {@link #POLL} each node looks for subscriptions with sealed
 * entries past their cursor; it takes a subscription's lease (one node delivers it at a time) and hands it to a
 * worker of its own, which sends the entries one after another, in the log's order, and moves the durable cursor
 * only past what a receiver acknowledged with a 2xx: at least once, in order. A failed attempt is retried after an
 * exponential, jittered delay (at most {@link #MAX_DELAY}); after {@link #FAILING_AFTER} of failures the
 * subscription is marked failing and still retried at that pace. A receiver's slowness costs only its worker.
 * While the host's CPUs are saturated and changes are being made, a worker gives way to the API between batches
 * ({@link CpuShare}).
 */
public final class Deliverer implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    public static final Duration POLL = Duration.ofMillis(250);
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    static final Duration MAX_DELAY = Duration.ofHours(1);

    /** Doubling from 100 ms up to {@link #MAX_DELAY}. */
    private static final Backoff BACKOFF = new Backoff(FIRST_DELAY, MAX_DELAY);

    static final Duration FAILING_AFTER = Duration.ofHours(24);

    /** The longest backoff a worker waits out itself rather than handing the subscription back to the poller. */
    private static final Duration RETRY_IN_TURN = Duration.ofSeconds(2);

    /** How long one worker turn may run before it gives the subscription back to the poller (and renews). */
    private static final Duration TURN = Duration.ofSeconds(15);

    private static final int BATCH = 256;

    /**
     * How long a batch starts sends before its acknowledged prefix is stored: what a kill -9 can make a receiver
     * get twice, at most.
     */
    private static final Duration BATCH_TIME = Duration.ofSeconds(1);

    /** How many of a subscription's insights are sent to at once (each insight's changes stay in order). */
    static final int LANES = 8;

    private static final String INTERRUPTED = "interrupted";

    private final WebhookStore store;
    private final SecretBox box;
    private final Targets targets;
    private final Payloads payloads;
    private final CurrentInsights insights;
    private final Transport transport;
    private final InstantSource clock;
    private final String holder;
    private final SplittableRandom random;
    private final CpuShare share;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> wrongKey = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    /** What a worker died of, once one has: this node then delivers nothing more. */
    private volatile @Nullable Error broken;

    /**
     * @param insights the current state of a batch's insights, read once per batch
     * @param holder this node's id, which names it in leases
     */
    public Deliverer(
            WebhookStore store,
            SecretBox box,
            Targets targets,
            Payloads payloads,
            CurrentInsights insights,
            Transport transport,
            InstantSource clock,
            String holder,
            SplittableRandom random,
            ExecutorService workers) {
        this(store, box, targets, payloads, insights, transport, clock, holder, random, workers, CpuShare.ofHost());
    }

    Deliverer(
            WebhookStore store,
            SecretBox box,
            Targets targets,
            Payloads payloads,
            CurrentInsights insights,
            Transport transport,
            InstantSource clock,
            String holder,
            SplittableRandom random,
            ExecutorService workers,
            CpuShare share) {
        this.store = store;
        this.box = box;
        this.targets = targets;
        this.payloads = payloads;
        this.insights = insights;
        this.transport = transport;
        this.clock = clock;
        this.holder = holder;
        this.random = random;
        this.workers = workers;
        this.share = share;
    }

    /**
     * Hands every subscription with work, whose lease this node takes, to a worker.
     *
     * @throws IllegalStateException once a worker died of an {@link Error}: this node then delivers nothing more
     *     (the job shows as failing in {@code /readyz}) and has given its leases to the other nodes
     */
    @Override
    public void round() {
        Error error = broken;
        if (error != null) {
            giveUpLeases(); // again: a worker that was between its check and its renewal may have taken one back
            throw new IllegalStateException(
                    "a webhook delivery worker died of " + error + ": this node delivers no webhooks until it is"
                            + " restarted (its leases were given up to the other nodes)",
                    error);
        }
        ExecutorService pool = workers;
        transport.closeIdle();
        share.sample(store::sealedPosition);
        long now = clock.millis();
        for (WebhookStore.Delivery due : store.due(now)) {
            Subscription s = due.subscription();
            Optional<String> mine = box.currentKeyId();
            if (mine.isEmpty() || !due.keyId().equals(mine.get())) {
                if (wrongKey.add(s.id() + "/" + mine.orElse(""))) { // said again when the key file changes
                    LOG.warn(
                            "webhook {} is sealed with key {}, and this node has {}: it delivers it only once {}"
                                    + " holds that key (copy the file from the node that made it; it is read"
                                    + " without a restart)",
                            s.id(),
                            due.keyId(),
                            mine.map(id -> "key " + id).orElse("none"),
                            box.keyFile());
                }
                continue;
            }
            if (running.contains(s.id())
                    || store.after(s.accountId(), s.position(), 1).isEmpty()
                    || !store.lease(s.id(), holder, now, now + LEASE.toMillis())
                    || !running.add(s.id())) {
                continue;
            }
            try {
                pool.execute(() -> {
                    try {
                        turn(due);
                    } catch (RuntimeException e) {
                        LOG.warn("webhook {}: delivery turn failed; the next round retries", s.id(), e);
                    } catch (Error e) {
                        brokenBy(s.id(), e);
                        throw e;
                    } finally {
                        running.remove(s.id());
                    }
                });
            } catch (RejectedExecutionException e) {
                running.remove(s.id()); // shutting down
            }
        }
    }

    /**
     * Sends what is past the cursor until done, out of turn or the lease is lost; after a failure, waits here for
     * a short backoff ({@link #RETRY_IN_TURN}), and leaves a longer one to a later round.
     */
    void turn(WebhookStore.Delivery due) {
        Subscription s = due.subscription();
        Signer secret = due.signer(box, clock.millis());
        long cursor = s.position();
        int failures = s.failures();
        long end = clock.millis() + TURN.toMillis();
        // Acknowledged after an unacknowledged one: kept so that a retry sends only what is still owed.
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        while (clock.millis() < end && !Thread.currentThread().isInterrupted() && broken == null) {
            long now = clock.millis();
            if (!store.lease(s.id(), holder, now, now + LEASE.toMillis())) {
                return; // paused, removed, or another node's now
            }
            List<Change> changes = store.after(s.accountId(), cursor, BATCH);
            if (changes.isEmpty()) {
                return;
            }
            long from = cursor;
            Targets.Target target;
            try {
                // resolved again: a name that now points inward is refused; sends reach only these addresses
                target = targets.resolve(s.url());
            } catch (IllegalArgumentException e) {
                failures++;
                long at = clock.millis();
                store.failed(
                        s.id(),
                        holder,
                        at,
                        at + delay(failures),
                        "target refused: " + e.getMessage(),
                        FAILING_AFTER.toMillis());
                return;
            }
            // read after the changes: each insight's state is at least as new as every change of the batch
            Map<String, Insight> current = insights.read(s.accountId(), owed(s, changes, acknowledged));
            AtomicInteger acknowledgedNow = new AtomicInteger();
            long started = System.nanoTime();
            Batch.Outcome outcome = Batch.send(changes, from, LANES, started + BATCH_TIME.toNanos(), change -> {
                if (acknowledged.contains(change.position())) {
                    return Batch.Attempt.DELIVERED; // by an earlier try of this turn, past a gap then
                }
                Batch.Attempt attempt = deliver(s, target, secret, change, current);
                if (attempt.delivered()) {
                    acknowledged.add(change.position());
                    acknowledgedNow.incrementAndGet();
                }
                return attempt;
            });
            cursor = outcome.cursor();
            String failure = outcome.failure();
            // Backoff grows only while a receiver acknowledges nothing at all.
            boolean progressed = acknowledgedNow.get() > 0;
            if ((cursor != from || progressed)
                    && !store.delivered(
                            s.id(), holder, from, cursor, outcome.delivered(), progressed, clock.millis())) {
                return; // replayed or taken over meanwhile: the next round starts from the stored cursor
            }
            if (progressed) {
                failures = 0;
            }
            if (failure == null) {
                long pause = share.waitAfter(Duration.ofNanos(System.nanoTime() - started))
                        .toMillis();
                if (pause > 0 && !pause(Math.min(pause, Math.max(0, end - clock.millis())))) {
                    return;
                }
                continue;
            }
            if (failure.equals(INTERRUPTED)) {
                return; // shutting down: not the receiver's failure
            }
            failures++;
            long delay = delay(failures);
            long at = clock.millis();
            store.failed(s.id(), holder, at, at + delay, failure, FAILING_AFTER.toMillis());
            LOG.info("webhook {}: delivery failed ({}); next attempt in {} ms", s.id(), failure, delay);
            if (delay > RETRY_IN_TURN.toMillis() || at + delay >= end || !pause(delay)) {
                return;
            }
        }
    }

    /** Waits {@code millis}; false if interrupted (shutting down). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The insights of the changes still to be sent that the subscription wants, before their severity. */
    private static Set<String> owed(Subscription s, List<Change> changes, Set<Long> acknowledged) {
        Set<String> ids = new HashSet<>();
        for (Change change : changes) {
            if (!acknowledged.contains(change.position()) && s.wants(change.entry())) {
                ids.add(change.entry().issueId());
            }
        }
        return ids;
    }

    /** Sends one change if the subscription wants it; {@code current} holds its insight unless that is gone. */
    private Batch.Attempt deliver(
            Subscription s, Targets.Target target, Signer secret, Change change, Map<String, Insight> current) {
        AuditEntry entry = change.entry();
        if (!s.wants(entry)) {
            return Batch.Attempt.SKIPPED;
        }
        Insight insight = current.get(entry.issueId());
        if (insight != null && entry.zoneId() != null && !entry.zoneId().equals(insight.zoneId())) {
            insight = null; // a zone's change shows the insight only while it is in that zone
        }
        if (!s.wants(insight == null ? null : insight.severity())) {
            return Batch.Attempt.SKIPPED;
        }
        byte[] body = payloads.body(EventKind.of(entry.fieldChanged()), change, insight);
        String id = "msg_" + entry.id();
        long timestamp = clock.millis() / 1000;
        try {
            int status = transport.postSigned(target, secret, id, timestamp, body);
            return status >= 200 && status < 300 ? Batch.Attempt.DELIVERED : Batch.Attempt.failed("HTTP " + status);
        } catch (IOException e) {
            return Batch.Attempt.failed(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Batch.Attempt.failed(INTERRUPTED);
        }
    }

    /** The wait before attempt {@code failures + 1}, in milliseconds. */
    synchronized long delay(int failures) {
        return BACKOFF.delay(failures, random).toMillis();
    }

    /**
     * A worker died of {@code error} (a class that no longer loads when the jar was replaced under the process, the
     * heap exhausted): the process cannot be trusted to deliver, so it stops taking turns and gives its leases up at
     * once rather than renewing them for nothing while another node could deliver.
     */
    private void brokenBy(String subscription, Error error) {
        broken = error;
        LOG.error(
                "webhook {}: a delivery worker died of {}; this node delivers no webhooks until it is restarted and"
                        + " gives its leases to the other nodes",
                subscription,
                error.toString(),
                error);
        giveUpLeases();
    }

    /** Gives up this node's leases (its workers have stopped), so another node takes over at once. */
    @Override
    public void stop() {
        giveUpLeases();
        transport.close();
    }

    private void giveUpLeases() {
        try {
            store.releaseLeases(holder);
        } catch (RuntimeException e) {
            LOG.warn("could not give up this node's webhook leases; they end within {}", LEASE, e);
        }
    }
}
