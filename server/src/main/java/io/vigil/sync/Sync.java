package io.vigil.sync;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightPage;
import io.vigil.insight.InsightService;
import io.vigil.tenant.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** One sync of an account from upstream into Vigil: read Vigil's side, read upstream's, reconcile. */
public final class Sync {
    /** Who the change log names for a decision taken from upstream. */
    public static final String ACTOR = "upstream";

    private static final int PAGE = 1_000;

    private final InsightService insights;
    private final SyncLog log;
    private final Runnable sealPending;

    /** @param sealPending seals the change log's pending entries (a push sends only sealed ones) */
    public Sync(InsightService insights, SyncLog log, Runnable sealPending) {
        this.insights = insights;
        this.log = log;
        this.sealPending = sealPending;
    }

    /**
     * Mirrors {@code accountId} (only {@code zones}, when some are named) from {@code upstream}.
     *
     * @param push also send upstream the decisions made in Vigil since the last push
     * @param progress told what is being read, one short line at a time
     * @throws SyncException if upstream refused the sync before anything could be read
     */
    public SyncReport run(
            Upstream upstream,
            String accountId,
            List<String> zones,
            boolean dryRun,
            boolean push,
            Consumer<String> progress) {
        Map<String, Insight> held = held(accountId, zones);
        Pull.Mirror mirror = new Pull(upstream, accountId, id -> Optional.ofNullable(held.get(id)), progress)
                .read(resumed(accountId, upstream.key(), zones), zones);
        Reconcile reconcile =
                new Reconcile(insights, log, log.pushedUpTo(accountId, upstream.key()), accountId, dryRun);
        SyncReport report = reconcile.apply(mirror, held, upstream.requestsUsed());
        Pass pass = mirror.pass();
        if (!dryRun && pass != null) { // after what was read is applied: a crash before this reads it again
            log.keepPass(accountId, upstream.key(), pass.finished() ? null : pass.json());
        }
        // A push compares with upstream's decisions as read: only a run that read every insight has them all.
        if (!push || !mirror.started() || !mirror.finished() || mirror.stop() != null) {
            return report;
        }
        progress.accept("pushing Vigil's decisions");
        sealPending.run();
        Push sending = new Push(upstream, log, insights, accountId, upstream.key());
        SyncException stopped = null;
        try {
            sending.run(mirror.insights(), reconcile.conflicted(), dryRun);
        } catch (SyncException e) {
            stopped = e;
        }
        return report.withPush(sending.pushed(), sending.reports(), sending.sent(), stopped, upstream.requestsUsed());
    }

    /** The pass an earlier run left unfinished, if it reads {@code zones}; {@code null} to begin a new one. */
    private @Nullable Pass resumed(String accountId, String upstream, List<String> zones) {
        Optional<String> kept = log.pass(accountId, upstream);
        if (kept.isEmpty()) {
            return null;
        }
        try {
            Pass pass = Pass.parse(kept.get());
            return pass.reads(zones) ? pass : null;
        } catch (IllegalArgumentException e) {
            return null; // not one this version wrote: read afresh
        }
    }

    /** Every insight Vigil holds in the synced scope, dismissed or not, by id. */
    private Map<String, Insight> held(String accountId, List<String> zones) {
        List<Scope> scopes = zones.isEmpty()
                ? List.of(new Scope.Account(accountId))
                : zones.stream().<Scope>map(Scope.Zone::new).toList();
        Map<String, Insight> held = new HashMap<>();
        for (Scope scope : scopes) {
            for (boolean dismissed : new boolean[] {false, true}) {
                InsightFilter filter = new InsightFilter(
                        Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                        Set.of(), dismissed, Set.of());
                for (int page = 1; ; page++) {
                    InsightPage read = insights.list(scope, filter, page, PAGE);
                    read.issues().forEach(i -> held.put(i.id(), i));
                    if (read.issues().size() < PAGE) {
                        break;
                    }
                }
            }
        }
        return held;
    }
}
