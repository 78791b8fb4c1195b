package io.vigil.webhook;

import io.vigil.job.Job;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's hold on its node id ({@link NodeId}), which names it in leases: two processes with one id would
 * both take the same lease. A process claims the id at start and is refused while another process holds it (it
 * said so in the last {@link #STALE}: a data directory copied from a running node); it then says so every
 * {@link #BEAT} while it runs and gives the id up when it stops. A node restarted after a crash waits at most
 * {@link #STALE} for its own earlier claim to lapse. Thread-safe.
 */
public final class NodeClaim implements AutoCloseable, Job {
    public static final Duration BEAT = Duration.ofSeconds(1);
    static final Duration STALE = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(NodeClaim.class);

    /** Where claims are kept: shared by every node of a cluster. */
    public interface Registry {
        /** Who last claimed a node id, and when. */
        record Claim(String instance, long seenMs) {}

        /** The newest claim on {@code nodeId}, if any. */
        Optional<Claim> claim(String nodeId);

        /** Records that {@code instance} holds {@code nodeId} at {@code nowMs}. */
        void hold(String nodeId, String instance, long nowMs);

        /** Forgets {@code instance}'s claim on {@code nodeId}, if it is still the newest. */
        void release(String nodeId, String instance);
    }

    private final String nodeId;
    private final String instance;
    private final Registry registry;
    private final InstantSource clock;
    private long lastBeatMs;
    private boolean lost;

    private NodeClaim(String nodeId, String instance, Registry registry, InstantSource clock) {
        this.nodeId = nodeId;
        this.instance = instance;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Claims {@code nodeId} for this process.
     *
     * @throws IllegalStateException if another running process holds it
     */
    public static NodeClaim claim(String nodeId, Registry registry, InstantSource clock) {
        Optional<Registry.Claim> before = registry.claim(nodeId);
        if (before.isPresent() && clock.millis() - before.get().seenMs() < STALE.toMillis()) {
            try { // a live holder says so again within a beat; a crashed one does not
                Thread.sleep(STALE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while claiming node id " + nodeId, e);
            }
            Optional<Registry.Claim> now = registry.claim(nodeId);
            if (now.isPresent() && now.get().seenMs() > before.get().seenMs()) {
                throw new IllegalStateException("node id " + nodeId + " (the data directory's " + NodeId.FILE
                        + " file) is held by another running node: this data directory was copied from that"
                        + " node's. Stop this process, delete its " + NodeId.FILE
                        + " so that it makes its own, and start it again");
            }
        }
        NodeClaim claim = new NodeClaim(nodeId, UUID.randomUUID().toString(), registry, clock);
        claim.beat();
        return claim;
    }

    /**
     * {@code nodeId} for a node no other process can share a database with (the embedded one lives in the data
     * directory itself): nothing to claim.
     */
    public static NodeClaim unshared(String nodeId, InstantSource clock) {
        return new NodeClaim(nodeId, "local", NOBODY, clock);
    }

    private static final Registry NOBODY = new Registry() {
        @Override
        public Optional<Claim> claim(String nodeId) {
            return Optional.empty();
        }

        @Override
        public void hold(String nodeId, String instance, long nowMs) {}

        @Override
        public void release(String nodeId, String instance) {}
    };

    /** The node id, as leases name this node. */
    public String nodeId() {
        return nodeId;
    }

    /** Says again that this process holds the id, once per {@link #BEAT}; logs once if another took it. */
    public synchronized void beat() {
        long now = clock.millis();
        if (now - lastBeatMs < BEAT.toMillis()) {
            return;
        }
        Optional<Registry.Claim> newest = registry.claim(nodeId);
        if (lastBeatMs != 0 && newest.isPresent() && !newest.get().instance().equals(instance) && !lost) {
            lost = true;
            LOG.error(
                    "another process now holds node id {} ({} of a data directory copied from this one?): two"
                            + " nodes with one id take the same leases; stop one and delete its {}",
                    nodeId,
                    NodeId.FILE,
                    NodeId.FILE);
        }
        registry.hold(nodeId, instance, now);
        lastBeatMs = now;
    }

    /** A round of the node's job: {@link #beat}. */
    @Override
    public void round() {
        beat();
    }

    /** The node's job stops last: its id is given up once every other job has stopped. */
    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        try {
            registry.release(nodeId, instance);
        } catch (RuntimeException e) {
            LOG.warn("could not give up node id {}; it lapses within {}", nodeId, STALE, e);
        }
    }
}
