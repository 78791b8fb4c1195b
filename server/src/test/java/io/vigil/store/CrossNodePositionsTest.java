package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightPage;
import io.vigil.tenant.Scope;
import io.vigil.testing.Dataset;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16, cross-node freshness: a node follows the dismissals another node makes, through the change log, and
 * moves its remembered list positions as it moves them for its own, instead of forgetting them all; an import
 * elsewhere still makes it forget them. Pages stay exactly what a node with no memory lists.
 */
class CrossNodePositionsTest {
    private static final Scope SCOPE = new Scope.Account(ACCOUNT);

    @TempDir
    Path dataDir;

    private Database open(String kind, String url) {
        return kind.equals("postgres") ? Database.open(url) : Database.open(dataDir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void dismissalsOnAnotherNode_moveThisNodesPositions_andPagesStayExact(String kind) {
        String url = kind.equals("postgres") ? Postgres.freshDatabaseUrl() : "";
        try (Database a = open(kind, url);
                Database b = open(kind, url);
                JdbcInsightStore storeB = Stores.insights(b)) {
            List<Insight> all = Dataset.insights(300).stream()
                    .filter(i -> i.accountId().equals(ACCOUNT))
                    .toList();
            storeB.upsert(all);
            ListPositions positionsA = new ListPositions();
            InsightLists listsA = new InsightLists(a, positionsA);
            InsightPage deep = listsA.list(SCOPE, InsightFilter.DEFAULT, 6, 20);
            assertThat(positionsA.floor(
                            SCOPE, InsightFilter.DEFAULT, positionsA.version(SCOPE, InsightFilter.DEFAULT), 100))
                    .isNotNull();
            long before = positionsA.version(SCOPE, InsightFilter.DEFAULT);

            InsightPage first = storeB.list(SCOPE, InsightFilter.DEFAULT, 1, 20);
            storeB.dismiss(SCOPE, first.issues().get(3).id(), true, "token:b");
            storeB.dismiss(SCOPE, deep.issues().get(5).id(), true, "token:b");
            storeB.dismiss(SCOPE, first.issues().get(3).id(), false, "token:b");

            // Page 1 remembers nothing past offset 20: a position at 100 now can only have been moved.
            listsA.list(SCOPE, InsightFilter.DEFAULT, 1, 20);
            Long moved = positionsA.version(SCOPE, InsightFilter.DEFAULT);
            assertThat(moved).as("the positions followed the three dismissals").isEqualTo(before + 3);
            assertThat(positionsA.floor(SCOPE, InsightFilter.DEFAULT, moved, 100))
                    .as("page 6's position, moved to the new version")
                    .extracting(java.util.Map.Entry::getKey)
                    .isEqualTo(100L);
            assertThat(ids(listsA.list(SCOPE, InsightFilter.DEFAULT, 6, 20))).isEqualTo(ids(fresh(b, 6)));
            assertThat(ids(listsA.list(SCOPE, InsightFilter.DEFAULT, 3, 20))).isEqualTo(ids(fresh(b, 3)));

            storeB.upsert(List.of(all.get(0))); // an import: no entry says what it moved
            listsA.list(SCOPE, InsightFilter.DEFAULT, 1, 20);
            long now = positionsA.version(SCOPE, InsightFilter.DEFAULT);
            assertThat(now).isGreaterThan(moved);
            assertThat(positionsA.floor(SCOPE, InsightFilter.DEFAULT, now, 100))
                    .as("forgotten after an import elsewhere: only page 1's own positions")
                    .extracting(java.util.Map.Entry::getKey)
                    .isEqualTo(20L);
            assertThat(ids(listsA.list(SCOPE, InsightFilter.DEFAULT, 6, 20))).isEqualTo(ids(fresh(b, 6)));
        }
    }

    private static InsightPage fresh(Database database, int page) {
        return new InsightLists(database, new ListPositions()).list(SCOPE, InsightFilter.DEFAULT, page, 20);
    }

    private static List<String> ids(InsightPage page) {
        return page.issues().stream().map(Insight::id).toList();
    }
}
