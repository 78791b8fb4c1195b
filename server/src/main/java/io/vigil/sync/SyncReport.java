package io.vigil.sync;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one sync did (or, for a dry run, would do).
 *
 * @param requests requests made upstream, retries included
 * @param added insights new to Vigil
 * @param updated insights whose fields, status or context changed upstream
 * @param resolved insights gone from upstream, now {@code resolved}
 * @param decisionsPulled classifications and dismissals made upstream, now Vigil's too
 * @param pendingPush decisions made in Vigil that upstream does not have yet ({@code --push} sends them)
 * @param decisionsPushed decisions made in Vigil now sent upstream; {@code -1} if no push was asked for or made
 * @param conflicts insights decided differently on both sides since the last sync (Vigil's decision kept), and
 *     decisions Vigil's rules refused, one line per insight, each with why
 * @param pushed what the push sent over upstream's decision (both had moved) or upstream refused
 * @param refused upstream insights Vigil cannot hold, each with why
 * @param changes each insight the run changed (or, dry, would change), one line each
 * @param complete whether this run read every insight of the account and nothing moved meanwhile (then every
 *     insight gone upstream is resolved)
 * @param goesOn where the next run goes on reading, when this one stopped before the end; {@code null} if it did
 *     not
 * @param stopped why the run stopped before the end; {@code null} if it did not
 * @param hint what a person should check about {@code stopped}; empty if nothing
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
        List<String> pushed,
        List<String> refused,
        List<String> changes,
        boolean complete,
        @Nullable String goesOn,
        @Nullable String stopped,
        String hint) {
    public SyncReport {
        conflicts = List.copyOf(conflicts);
        pushed = List.copyOf(pushed);
        refused = List.copyOf(refused);
        changes = List.copyOf(changes);
    }

    /** This report, with a push's figures. */
    SyncReport withPush(
            int pushedNow, List<String> reports, List<String> sent, @Nullable SyncException stop, int requestsNow) {
        List<String> all = new ArrayList<>(changes);
        all.addAll(sent);
        return new SyncReport(
                dryRun,
                requestsNow,
                added,
                updated,
                resolved,
                decisionsPulled,
                Math.max(0, pendingPush - pushedNow),
                pushedNow,
                conflicts,
                reports,
                refused,
                all,
                complete,
                goesOn,
                stop == null ? stopped : stop.getMessage(),
                stop == null ? hint : stop.hint());
    }

    /** Whether the run wrote anything (or would have). */
    public boolean changedAnything() {
        return added + updated + resolved + decisionsPulled + Math.max(0, decisionsPushed) > 0;
    }

    /** The state of the run in a few words: what a person reads first. */
    public String headline() {
        if (stopped != null) {
            return goesOn != null && stopped.contains("budget")
                    ? "not finished: the request budget is used up; the next run goes on from " + goesOn
                    : "stopped: " + stopped + (goesOn == null ? "" : "; the next run goes on from " + goesOn);
        }
        if (complete) {
            return "complete";
        }
        return "finished reading; not everything was read in this run, or upstream changed while it was read, so"
                + " only insights missing from a listing read whole were resolved";
    }

    /** One line per figure, for a person. */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append(dryRun ? "sync (dry run: nothing written): " : "sync: ")
                .append(headline())
                .append('\n');
        if (!hint.isEmpty()) {
            text.append("  check: ").append(hint).append('\n');
        }
        line(text, "requests used", requests);
        line(text, dryRun ? "insights to add" : "insights added", added);
        line(text, dryRun ? "insights to update" : "insights updated", updated);
        line(text, dryRun ? "insights to resolve" : "insights resolved", resolved);
        line(text, dryRun ? "decisions to pull" : "decisions pulled", decisionsPulled);
        if (decisionsPushed >= 0) {
            line(text, dryRun ? "decisions to push" : "decisions pushed", decisionsPushed);
        }
        if (pendingPush > 0) {
            text.append("  decisions not pushed: ")
                    .append(pendingPush)
                    .append(
                            decisionsPushed < 0
                                    ? " (--push sends them)"
                                    : " (the push needs a run that reads the whole account)")
                    .append('\n');
        }
        line(text, "conflicts", conflicts.size());
        conflicts.forEach(c -> text.append("    conflict: ").append(c).append('\n'));
        pushed.forEach(p -> text.append("    pushed: ").append(p).append('\n'));
        refused.forEach(r -> text.append("    skipped: ").append(r).append('\n'));
        if (dryRun) {
            changes.forEach(c -> text.append("    would ").append(c).append('\n'));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, int value) {
        text.append("  ").append(label).append(':');
        text.append(" ".repeat(Math.max(1, 19 - label.length())));
        text.append(value).append('\n');
    }
}
