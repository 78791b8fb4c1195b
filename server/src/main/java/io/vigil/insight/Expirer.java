package io.vigil.insight;

import io.vigil.audit.AuditField;
import io.vigil.tenant.Scope;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets expired classifications, in rounds a server's background jobs run (first right away: what expired while
 * the server was down). A round resets everything due, {@link #BATCH} at a time. Every node runs one; the
 * compare-and-set of each reset makes exactly one of them record it. Thread-safe.
 */
public final class Expirer {
    /** How many due classifications one pass reads and resets. */
    static final int BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(Expirer.class);

    private final InsightStore store;
    private final InstantSource clock;
    /** Insights whose stored expiry no entry set, already reported. */
    private final Set<String> unrecordedExpiries = ConcurrentHashMap.newKeySet();

    /** Resets the classifications of {@code store} whose expiry has passed at {@code clock}'s time. */
    public Expirer(InsightStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One round: resets every classification due now, and says how many. */
    public void round() {
        int reset = expireDue();
        if (reset > 0) {
            LOG.info("reset {} expired classifications", reset);
        }
    }

    /** Resets every classification due now; returns how many this node reset. */
    public synchronized int expireDue() {
        int total = 0;
        while (true) {
            int due = expireDue(BATCH);
            total += due;
            if (due < BATCH) {
                return total;
            }
        }
    }

    /**
     * Resets to {@code null}, as {@code system}, up to {@code max} classifications whose expiry has passed;
     * returns how many. Each reset is a compare-and-set on the classification and its expiry, so of several
     * nodes expiring the same insight exactly one resets it, and a classification set or moved meanwhile is
     * left alone.
     */
    public int expireDue(int max) {
        Instant now = clock.instant();
        int reset = 0;
        for (InsightState due : store.dueForExpiry(now, max)) {
            if (!expiryRecorded(due)) {
                continue;
            }
            Scope scope = new Scope.Account(due.accountId());
            for (int attempt = 0; attempt < InsightService.MAX_ATTEMPTS; attempt++) {
                ClassificationOutcome outcome =
                        store.classify(scope, due.id(), insight -> ClassificationUpdate.expired(insight, now));
                if (outcome == ClassificationOutcome.CHANGED) {
                    reset++;
                }
                if (outcome != ClassificationOutcome.RACED) {
                    break;
                }
            }
        }
        return reset;
    }

    /**
     * Whether the newest change-log entry on {@code due}'s expiry set the one stored: an expiry written into the
     * database without an entry is never acted on (a reset by {@code system} would launder it into a
     * genuine-looking history). Refused ones are logged once each.
     */
    private boolean expiryRecorded(InsightState due) {
        Instant expires = due.classificationExpiresOn();
        String stored = expires == null ? "" : AuditField.instantValue(expires);
        Optional<String> recorded = store.recordedExpiry(due.id());
        if (recorded.isPresent() && recorded.get().equals(stored)) {
            return true;
        }
        if (unrecordedExpiries.add(due.id())) {
            LOG.error(
                    "insight {} has a classification expiry ({}) that no change-log entry set ({}): it was written"
                            + " into the database directly, and is not acted on; run 'vigil audit verify'",
                    due.id(),
                    stored,
                    recorded.map(value -> "the last entry set '" + value + "'").orElse("none ever set one"));
        }
        return false;
    }
}
