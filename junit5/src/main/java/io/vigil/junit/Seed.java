package io.vigil.junit;

import io.vigil.cli.Backend;
import io.vigil.cli.InsightLine;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Insight;
import io.vigil.tenant.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Fixtures to add to the test's server, applied together by {@link #apply()}: insights (imported as {@code vigil
 * insights import} imports them, then classified and dismissed through the server's own rules) and the display names
 * of accounts and zones. Vigil knows an account or zone through its insights, so a name needs one of those. What the
 * seeds write to the change log is left out of {@link Vigil#changes()}. Not thread-safe; one per use.
 *
 * <pre>{@code
 * vigil.seed()
 *         .insight("open-port", i -> i.severity(Severity.CRITICAL).type(IssueType.EXPOSED_INFRASTRUCTURE))
 *         .insight("weak-tls", i -> i.zone(ZONE).classification(Classification.ACCEPT_RISK, "legacy clients"))
 *         .zone(ZONE, "example.com")
 *         .apply();
 * }</pre>
 */
public final class Seed {
    /** Who the change log says classified or dismissed a seeded insight. */
    public static final String ACTOR = "seed";

    private final Vigil vigil;
    private final List<InsightSeed> insights = new ArrayList<>();
    /** Insights read from import lines, imported before {@link #insights}. */
    private final List<Insight> imported = new ArrayList<>();

    private final Map<Scope, String> names = new LinkedHashMap<>();

    Seed(Vigil vigil) {
        this.vigil = vigil;
    }

    /** An insight with every default ({@link InsightSeed}). */
    public Seed insight(String id) {
        return insight(id, i -> {});
    }

    /** An insight, its defaults changed by {@code details}. */
    public Seed insight(String id, Consumer<InsightSeed> details) {
        InsightSeed seed = new InsightSeed(id, vigil.accountId());
        details.accept(seed);
        insights.add(seed);
        return this;
    }

    /** The display name of an account that a seeded (or earlier) insight is in. */
    public Seed account(String accountId, String name) {
        names.put(new Scope.Account(accountId), name);
        return this;
    }

    /**
     * The insights of a {@code vigil insights import} file (JSON Lines: one insight a line, in the API's shape plus
     * {@code account_id} and an optional {@code zone_id}), imported as that command imports them: a line's {@code
     * status}, {@code dismissed}, {@code user_classification} and {@code context} are stored as given, without a
     * change-log entry of their own. Imported again over existing insights, a line with a new {@code status} writes
     * the entry the scanner's would (by {@code system}), as the import does.
     *
     * @throws IllegalArgumentException naming the line and the field, for a line the import would refuse
     * @throws UncheckedIOException if the file cannot be read
     */
    public Seed importLines(Path file) {
        try {
            return importLines(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the insights to import from " + file, e);
        }
    }

    /**
     * The insights of these import lines (blank ones skipped), as {@link #importLines(Path)} imports a file's.
     *
     * @throws IllegalArgumentException naming the line (from 1) and the field, for a line the import would refuse
     */
    public Seed importLines(List<String> lines) {
        imported.addAll(InsightLine.parseAll(lines, Instant.now()));
        return this;
    }

    /** The display name of a zone that a seeded (or earlier) insight is in. */
    public Seed zone(String zoneId, String name) {
        names.put(new Scope.Zone(zoneId), name);
        return this;
    }

    /**
     * Adds every fixture: the insights in one import (the import lines' first, then the {@link #insight} ones), then their classifications and dismissals, then the names.
     *
     * @throws IllegalStateException if a name is given to an account or zone that no insight is in
     */
    public void apply() {
        Backend backend = vigil.backend();
        Set<UUID> before = new HashSet<>(vigil.entryIds());
        try {
            List<Insight> built = new ArrayList<>(imported);
            insights.stream().map(InsightSeed::build).forEach(built::add);
            backend.insights().importInsights(built);
            for (InsightSeed seed : insights) {
                Insight insight = seed.build();
                Scope scope = new Scope.Account(insight.accountId());
                if (seed.classification() != null) {
                    backend.insights()
                            .classify(
                                    scope,
                                    insight.id(),
                                    new ClassificationRequest(seed.classification(), seed.rationale()),
                                    ACTOR);
                }
                if (seed.isDismissed()) {
                    backend.insights().dismiss(scope, insight.id(), true, ACTOR);
                }
            }
            names.forEach((scope, name) -> {
                if (!known(backend, scope)) {
                    throw new IllegalStateException("cannot name " + scope + ": no insight is in it, and Vigil knows"
                            + " accounts and zones through their insights; seed one there");
                }
                backend.directory().name(scope, name);
            });
        } finally {
            List<UUID> written = new ArrayList<>(vigil.entryIds());
            written.removeAll(before);
            vigil.markSeeded(written);
        }
    }

    private static boolean known(Backend backend, Scope scope) {
        return switch (scope) {
            case Scope.Account account ->
                !backend.directory().accounts(Set.of(account.id())).isEmpty();
            case Scope.Zone zone ->
                !backend.directory().zones(Set.of(), Set.of(zone.id()), null).isEmpty();
        };
    }
}
