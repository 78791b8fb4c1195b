package io.vigil.seal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raised when the change log in the database no longer extends the history this node sealed, or holds what no
 * writer writes: the sealer stops for good (until an operator has looked), the evidence is kept, and the reason
 * is logged at ERROR, shown by {@code /readyz} and counted by a metric. Raised once; later reasons are logged
 * only. Thread-safe.
 */
public final class HistoryAlarm {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryAlarm.class);

    private final Function<String, String> evidence;
    private final List<Consumer<String>> listeners = new ArrayList<>();
    private volatile @Nullable String reason;

    /** An alarm that keeps its evidence nowhere but in the log. */
    public HistoryAlarm() {
        this(text -> "the log above");
    }

    /** @param evidence keeps the evidence text and says where it went */
    public HistoryAlarm(Function<String, String> evidence) {
        this.evidence = evidence;
    }

    /** Raises the alarm for {@code why}, keeping {@code details} (the heads and seals compared) as evidence. */
    public synchronized void raise(String why, String details) {
        if (reason != null) {
            LOG.error("the change log: {} (sealing already stopped: {})", why, reason);
            return;
        }
        reason = why;
        String kept;
        try {
            kept = evidence.apply("reason: " + why + "\n\n" + details);
        } catch (RuntimeException e) {
            kept = "nowhere (" + e.getMessage() + ")";
        }
        for (Consumer<String> listener : listeners) {
            tell(listener, why);
        }
        LOG.error(
                "the change log in the database does not extend the history this node sealed: {}. This node stops"
                        + " sealing and will not seal over it; evidence kept in {}. Find out who changed the database"
                        + " (docs/reliability.md, \"When sealing stops\").",
                why,
                kept);
    }

    /** Tells {@code listener} the reason when the alarm is raised (at once, if it already is). */
    public synchronized void onRaise(Consumer<String> listener) {
        listeners.add(listener);
        String raised = reason;
        if (raised != null) {
            tell(listener, raised);
        }
    }

    private static void tell(Consumer<String> listener, String why) {
        try {
            listener.accept(why);
        } catch (RuntimeException e) {
            LOG.warn("telling of the broken history failed", e);
        }
    }

    /** Why sealing stopped, if it did. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public boolean raised() {
        return reason != null;
    }
}
