package io.vigil.sync;

import io.vigil.audit.AuditField;
import io.vigil.error.ApiException;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightStatus;
import io.vigil.tenant.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Brings Vigil to what upstream holds, as far as this run read it. Insights new or changed upstream go through the
 * import (their status changes recorded as {@code system}); insights gone from a listing read whole, which stood
 * still, become {@code resolved}. A decision
 * (classification, dismissal) is compared three ways: upstream's, Vigil's, and the last one both agreed on (the
 * newest change-log entry taken from upstream or pushed to it, {@link SyncLog#agreed}). Upstream's is taken when
 * only upstream moved;
 * Vigil's is kept when only Vigil moved (to push) and when both moved (a conflict, reported).
 */
final class Reconcile {
    /** The rationale of a classification taken from upstream, which the list does not carry. */
    static final String RATIONALE = "taken from upstream by vigil sync";

    private final InsightService insights;
    private final SyncLog log;
    private final long pushedUpTo;
    private final Scope account;
    private final boolean dryRun;
    private int added;
    private int updated;
    private int resolved;
    private int pulled;
    private int pendingPush;
    private final List<String> conflicts = new ArrayList<>();
    private final List<String> changes = new ArrayList<>();
    private final Set<String> conflicted = new HashSet<>();

    /** @param pushedUpTo how far Vigil's decisions were pushed upstream (what upstream then agreed to) */
    Reconcile(InsightService insights, SyncLog log, long pushedUpTo, String accountId, boolean dryRun) {
        this.insights = insights;
        this.log = log;
        this.pushedUpTo = pushedUpTo;
        this.account = new Scope.Account(accountId);
        this.dryRun = dryRun;
    }

    /** The insights whose decision moved on both sides since the last sync. */
    Set<String> conflicted() {
        return Set.copyOf(conflicted);
    }

    SyncReport apply(Pull.Mirror mirror, Map<String, Insight> held, int requests) {
        List<Insight> imports = new ArrayList<>();
        List<Insight> decided = new ArrayList<>();
        for (Insight upstream : mirror.insights().values()) {
            Insight mine = held.get(upstream.id());
            if (mine == null) {
                added++;
                changes.add("add " + upstream.id() + " (" + where(upstream) + ")");
                imports.add(undecided(upstream));
                decided.add(upstream);
            } else if (!Objects.equals(upstream.zoneId(), mine.zoneId())) {
                conflicts.add(upstream.id() + ": listed under " + where(upstream) + " upstream but held under "
                        + where(mine) + " here; an insight never moves, so it is left as it is");
            } else {
                if (!sameFacts(upstream, mine)) {
                    updated++;
                    changes.add("update " + upstream.id());
                    imports.add(keeping(upstream, mine));
                }
                decided.add(upstream);
            }
        }
        for (Insight withContext : mirror.contexts().values()) { // placed by an earlier run: only its context is new
            Insight mine = held.get(withContext.id());
            if (mine != null && !Objects.equals(mine.contextJson(), withContext.contextJson())) {
                updated++;
                changes.add("update " + mine.id() + " (its context)");
                imports.add(keeping(withContext, mine));
            }
        }
        Map<String, List<Insight>> heldBy = new HashMap<>();
        for (Insight mine : held.values()) {
            heldBy.computeIfAbsent(zoneKey(mine.zoneId()), z -> new ArrayList<>())
                    .add(mine);
        }
        for (Pull.Listing listing : mirror.whole()) {
            for (Insight mine : heldBy.getOrDefault(zoneKey(listing.zone()), List.of())) {
                if (!listing.ids().contains(mine.id()) && mine.status() != InsightStatus.RESOLVED) {
                    resolved++;
                    changes.add("resolve " + mine.id() + " (gone upstream)");
                    imports.add(resolvedCopy(mine));
                }
            }
        }
        if (!dryRun && !imports.isEmpty()) {
            insights.importInsights(imports);
        }
        for (Insight upstream : decided) {
            Insight mine = held.get(upstream.id());
            classification(upstream, mine == null ? null : mine.userClassification(), mine != null);
            dismissal(upstream, mine != null && mine.dismissed(), mine != null);
        }
        SyncException stop = mirror.stop();
        Pass pass = mirror.pass();
        return new SyncReport(
                dryRun,
                requests,
                added,
                updated,
                resolved,
                pulled,
                pendingPush,
                -1,
                conflicts,
                List.of(),
                mirror.refused(),
                changes,
                mirror.complete(),
                stop == null || pass == null ? null : pass.goesOn(),
                stop == null ? null : stop.getMessage(),
                stop == null ? "" : stop.hint());
    }

    private static String zoneKey(@Nullable String zone) {
        return zone == null ? "" : zone;
    }

    private void classification(Insight upstream, @Nullable Classification mine, boolean known) {
        Classification theirs = upstream.userClassification();
        if (Objects.equals(theirs, mine)) {
            return;
        }
        String base = known ? lastTaken(upstream.id(), AuditField.USER_CLASSIFICATION) : null;
        Classification baseline =
                base == null ? null : Classification.fromWireName(base).orElse(null);
        if (Objects.equals(theirs, baseline)) {
            pendingPush++;
            return;
        }
        if (!Objects.equals(mine, baseline)) {
            conflicts.add(upstream.id() + ": classified " + name(mine) + " in Vigil and " + name(theirs)
                    + " upstream since the last sync; Vigil's kept");
            conflicted.add(upstream.id());
            return;
        }
        pulled++;
        changes.add("classify " + upstream.id() + " " + name(theirs) + " (upstream's)");
        if (dryRun) {
            return;
        }
        try {
            if (mine != null && theirs != null) { // the reset-first rule, as upstream itself went through it
                insights.classify(account, upstream.id(), new ClassificationRequest(null, null), Sync.ACTOR);
            }
            insights.classify(
                    account,
                    upstream.id(),
                    new ClassificationRequest(theirs, theirs == null ? null : RATIONALE),
                    Sync.ACTOR);
        } catch (ApiException refused) {
            pulled--;
            conflicts.add(upstream.id() + ": upstream's " + name(theirs) + " refused here: " + refused.getMessage());
        }
    }

    private void dismissal(Insight upstream, boolean mine, boolean known) {
        boolean theirs = upstream.dismissed();
        if (theirs == mine) {
            return;
        }
        String base = known ? lastTaken(upstream.id(), AuditField.DISMISSED) : null;
        boolean baseline = Boolean.parseBoolean(base);
        if (theirs == baseline) {
            pendingPush++;
            return;
        }
        if (mine != baseline) {
            conflicts.add(upstream.id() + ": dismissal changed on both sides since the last sync; Vigil's kept");
            conflicted.add(upstream.id());
            return;
        }
        pulled++;
        changes.add((theirs ? "dismiss " : "restore ") + upstream.id() + " (upstream's)");
        if (!dryRun) {
            insights.dismiss(account, upstream.id(), theirs, Sync.ACTOR);
        }
    }

    /** The value of {@code field} Vigil and upstream last agreed on for this insight; {@code null} if none. */
    private @Nullable String lastTaken(String issueId, AuditField field) {
        return log.agreed(issueId, field, pushedUpTo);
    }

    private static String where(Insight i) {
        return i.zoneId() == null ? "the account" : "zone " + i.zoneId();
    }

    private static String name(@Nullable Classification c) {
        return c == null ? "null" : c.wireName();
    }

    /** Whether upstream's facts (all but the decisions) equal Vigil's. */
    private static boolean sameFacts(Insight a, Insight b) {
        return a.issueClass().equals(b.issueClass())
                && a.issueType() == b.issueType()
                && a.severity() == b.severity()
                && a.subject().equals(b.subject())
                && a.status() == b.status()
                && a.payloadJson().equals(b.payloadJson())
                && Objects.equals(a.contextJson(), b.contextJson())
                && Objects.equals(a.product(), b.product())
                && a.resolveLink().equals(b.resolveLink())
                && a.resolveText().equals(b.resolveText())
                && a.since().equals(b.since())
                && a.timestamp().equals(b.timestamp());
    }

    /** A new insight as the import inserts it: its decisions come after, through the rules, as upstream's. */
    private static Insight undecided(Insight i) {
        return copy(i, i.status(), false, null);
    }

    /** Upstream's facts with Vigil's decisions (which the import's update leaves alone anyway). */
    private static Insight keeping(Insight upstream, Insight mine) {
        return copy(upstream, upstream.status(), mine.dismissed(), mine.userClassification());
    }

    private static Insight resolvedCopy(Insight mine) {
        return copy(mine, InsightStatus.RESOLVED, mine.dismissed(), mine.userClassification());
    }

    private static Insight copy(
            Insight i, InsightStatus status, boolean dismissed, @Nullable Classification classification) {
        return i.toBuilder()
                .status(status)
                .dismissed(dismissed)
                .userClassification(classification)
                .classificationExpiresOn(null)
                .build();
    }
}
