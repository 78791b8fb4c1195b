package io.vigil.insight;

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

    private final InsightService insights;

    public Expirer(InsightService insights) {
        this.insights = insights;
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
            int due = insights.expireDue(BATCH);
            total += due;
            if (due < BATCH) {
                return total;
            }
        }
    }
}
