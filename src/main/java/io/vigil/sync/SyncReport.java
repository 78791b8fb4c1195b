package io.vigil.sync;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one sync did (or, for a dry run, would do).
 *
 * @param requests requests made upstream, retries included
 * @param added insights new to Vigil
 * @param updated insights whose fields or status changed upstream
 * @param resolved insights gone from upstream, now {@code resolved}
 * @param decisionsPulled classifications and dismissals made upstream, now Vigil's too
 * @param pendingPush decisions made in Vigil that upstream does not have yet ({@code --push} sends them)
 * @param decisionsPushed decisions made in Vigil now sent upstream
 * @param conflicts insights decided differently on both sides since the last sync (Vigil's decision kept), and
 *     decisions Vigil's rules refused, each with why
 * @param refused upstream insights Vigil cannot hold, each with why
 * @param complete whether every listing was read whole (only then are missing insights resolved)
 * @param stopped why the run stopped before reading everything; {@code null} if it did not
 */
public record SyncReport(
        boolean dryRun,
        int requests,
        int added,
        int updated,
        int resolved,
        int decisionsPulled,
        int pendingPush,
        int decisionsPushed,
        List<String> conflicts,
        List<String> refused,
        boolean complete,
        @Nullable String stopped) {
    public SyncReport {
        conflicts = List.copyOf(conflicts);
        refused = List.copyOf(refused);
    }

    /** This report, with a push's figures. */
    SyncReport withPush(int pushedNow, List<String> reports, @Nullable String pushStopped, int requestsNow) {
        List<String> all = new java.util.ArrayList<>(conflicts);
        all.addAll(reports);
        return new SyncReport(
                dryRun,
                requestsNow,
                added,
                updated,
                resolved,
                decisionsPulled,
                pendingPush,
                pushedNow,
                all,
                refused,
                complete,
                stopped != null ? stopped : pushStopped);
    }

    /** Whether the run wrote anything (or would have). */
    public boolean changedAnything() {
        return added + updated + resolved + decisionsPulled + decisionsPushed > 0;
    }

    /** One line per figure, for a person. */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append(dryRun ? "sync (dry run: nothing written)" : "sync")
                .append(
                        complete
                                ? ""
                                : " (incomplete: upstream moved or a listing was cut short; missing insights not resolved)")
                .append('\n')
                .append("  requests used:      ")
                .append(requests)
                .append('\n')
                .append("  insights added:     ")
                .append(added)
                .append('\n')
                .append("  insights updated:   ")
                .append(updated)
                .append('\n')
                .append("  insights resolved:  ")
                .append(resolved)
                .append('\n')
                .append("  decisions pulled:   ")
                .append(decisionsPulled)
                .append('\n')
                .append("  decisions to push:  ")
                .append(pendingPush)
                .append('\n')
                .append("  conflicts:          ")
                .append(conflicts.size())
                .append('\n');
        conflicts.forEach(c -> text.append("    conflict: ").append(c).append('\n'));
        refused.forEach(r -> text.append("    skipped: ").append(r).append('\n'));
        if (stopped != null) {
            text.append("  stopped: ").append(stopped).append('\n');
        }
        return text.toString();
    }
}
