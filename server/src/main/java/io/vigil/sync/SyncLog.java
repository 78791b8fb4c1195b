package io.vigil.sync;

import io.vigil.audit.AuditField;
import io.vigil.audit.Change;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What sync reads of the change log, and the durable cursor of what it pushed. Thread-safe. */
public interface SyncLog {
    /** The position up to which {@code accountId}'s decisions were pushed to {@code upstream}; 0 if never. */
    long pushedUpTo(String accountId, String upstream);

    /** The state of the pass over {@code accountId} from {@code upstream} that a run left unfinished, if any. */
    java.util.Optional<String> pass(String accountId, String upstream);

    /** Keeps the unfinished pass's {@code state} for the next run, or forgets it ({@code null}: it ended). */
    void keepPass(String accountId, String upstream, @Nullable String state);

    /** Records that every decision up to {@code position} was pushed (or reported as a conflict). */
    void pushed(String accountId, String upstream, long position);

    /**
     * The sealed classification and dismissal entries of {@code accountId} after {@code position}, by position, not
     * made by {@link Sync#ACTOR}; at most {@code limit}.
     */
    List<Change> decisionsAfter(String accountId, long position, int limit);

    /**
     * The value of {@code field} upstream is known to hold for an insight: the newest entry taken from it (by
     * {@link Sync#ACTOR}) or pushed to it (at or before {@code pushedUpTo}); {@code null} when there is none.
     */
    @Nullable
    String agreed(String issueId, AuditField field, long pushedUpTo);

    /**
     * Takes the turn to sync {@code accountId} on this node ({@code holder}) until {@code untilMs}, if no other node
     * holds it and the last run ended at least {@code everyMs} before {@code nowMs}; whether it was taken.
     */
    boolean takeTurn(String accountId, String holder, long nowMs, long untilMs, long everyMs);

    /** Records the end of {@code holder}'s run with its one-line result, and gives the turn back. */
    void finished(String accountId, String holder, long atMs, String result);

    /** The result of the account's last scheduled run, with when it ended; empty if none ran. */
    java.util.Optional<String> lastResult(String accountId);
}
