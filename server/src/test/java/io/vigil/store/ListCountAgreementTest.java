package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.Count;
import io.vigil.insight.CountField;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightIds;
import io.vigil.insight.InsightPage;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import io.vigil.tenant.Scope;
import io.vigil.testing.Dataset;
import io.vigil.testing.Insights;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For any filter: the list holds exactly the insights the reference semantics ({@link InsightFilter#test})
 * select, its total equals the sum of every count, and each count equals the list's total for its value; a
 * bulk's ids are the list's, in its order.
 */
class ListCountAgreementTest {
    static final List<Insight> DATA = Dataset.insights(300);

    static List<Database> databases = List.of();
    static List<JdbcInsightStore> stores = List.of();

    /** The same data in SQLite and in PostgreSQL: both must agree with the reference. */
    @BeforeContainer
    static void open() throws IOException {
        Path dir = Files.createTempDirectory("vigil-agreement");
        databases = List.of(Database.open(dir), Database.open(Postgres.freshDatabaseUrl()));
        stores = databases.stream().map(Stores::insights).toList();
        for (JdbcInsightStore store : stores) {
            Stores.service(store).importInsights(DATA);
        }
    }

    @AfterContainer
    static void close() {
        stores.forEach(JdbcInsightStore::close);
        databases.forEach(Database::close);
    }

    @Property(tries = 150)
    void listAndCounts_agreeWithTheReferenceAndEachOther(
            @ForAll("filters") InsightFilter filter, @ForAll("scopes") Scope scope) {
        Set<String> expected = DATA.stream()
                .filter(i -> inScope(i, scope) && filter.test(i))
                .map(Insight::id)
                .collect(Collectors.toSet());
        for (JdbcInsightStore store : stores) {
            InsightPage page = store.list(scope, filter, 1, 1000);
            assertThat(page.issues()).extracting(Insight::id).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(page.totalCount()).isEqualTo(expected.size());
            // A bulk's ids: the list's, in its order, while they are few enough; none past that.
            InsightIds ids = store.ids(scope, filter, 1000);
            assertThat(ids.ids())
                    .containsExactlyElementsOf(
                            page.issues().stream().map(Insight::id).toList());
            assertThat(ids.totalCount()).isEqualTo(expected.size());
            if (!expected.isEmpty()) {
                assertThat(store.ids(scope, filter, expected.size() - 1))
                        .isEqualTo(new InsightIds(List.of(), expected.size()));
            }
            for (CountField field : CountField.values()) {
                List<Count> counts = store.count(scope, filter, field);
                assertThat(counts.stream().mapToLong(Count::count).sum()).isEqualTo(page.totalCount());
                assertThat(counts).isSortedAccordingTo((a, b) -> Long.compare(b.count(), a.count()));
            }
        }
    }

    private static boolean inScope(Insight insight, Scope scope) {
        return switch (scope) {
            case Scope.Account account -> insight.accountId().equals(account.id());
            case Scope.Zone zone -> zone.id().equals(insight.zoneId());
        };
    }

    @Provide
    Arbitrary<Scope> scopes() {
        return Arbitraries.of(
                new Scope.Account(Insights.ACCOUNT),
                new Scope.Zone(Insights.ZONE),
                new Scope.Account(Insights.OTHER_ACCOUNT));
    }

    @Provide
    Arbitrary<InsightFilter> filters() {
        return Arbitraries.longs().map(ListCountAgreementTest::filter);
    }

    /** A filter drawn from {@code seed}: each filter is mostly absent, sometimes one or two values. */
    static InsightFilter filter(long seed) {
        java.util.Random random = new java.util.Random(seed);
        return new InsightFilter(
                subset(random, Dataset.CLASSES),
                subset(random, Dataset.CLASSES),
                subset(random, List.of(IssueType.values())),
                subset(random, List.of(IssueType.values())),
                subset(random, Dataset.PRODUCTS),
                subset(random, Dataset.PRODUCTS),
                subset(random, List.of(Severity.values())),
                subset(random, List.of(Severity.values())),
                subset(random, Dataset.SUBJECTS),
                subset(random, Dataset.SUBJECTS),
                random.nextInt(4) == 0,
                random.nextInt(10) == 0 ? Set.of("riskrecon") : Set.of());
    }

    private static <T> Set<T> subset(java.util.Random random, List<T> values) {
        Set<T> subset = new HashSet<>();
        if (random.nextInt(3) == 0) {
            int size = 1 + random.nextInt(2);
            for (int i = 0; i < size; i++) {
                subset.add(values.get(random.nextInt(values.size())));
            }
        }
        return subset;
    }
}
