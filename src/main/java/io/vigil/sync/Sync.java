package io.vigil.sync;

import io.vigil.audit.AuditLog;
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

/** One sync of an account from upstream into Vigil: read Vigil's side, read upstream's, reconcile. */
public final class Sync {
    /** Who the change log names for a decision taken from upstream. */
    public static final String ACTOR = "upstream";

    private static final int PAGE = 1_000;

    private final InsightService insights;
    private final AuditLog log;

    public Sync(InsightService insights, AuditLog log) {
        this.insights = insights;
        this.log = log;
    }

    /**
     * Mirrors {@code accountId} (only {@code zones}, when some are named) from {@code upstream}.
     *
     * @param progress told what is being read, one short line at a time
     * @throws SyncException if upstream refused the sync before anything could be read
     */
    public SyncReport run(
            Upstream upstream, String accountId, List<String> zones, boolean dryRun, Consumer<String> progress) {
        Map<String, Insight> held = held(accountId, zones);
        Pull.Mirror mirror =
                new Pull(upstream, accountId, id -> Optional.ofNullable(held.get(id)), progress).read(zones);
        return new Reconcile(insights, log, accountId, dryRun).apply(mirror, held, upstream.requestsUsed());
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
