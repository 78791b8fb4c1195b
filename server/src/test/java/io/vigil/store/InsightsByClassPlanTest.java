package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.InsightFilter;
import io.vigil.insight.Severity;
import io.vigil.tenant.Scope;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's plans for a bulk's ids (docs/benchmarks.md, "A bulk of 1,000 by filter in a million insights"): one
 * issue class is read from that class's index alone, so a rare class costs what it holds; other filters keep the
 * list index. Every plan reads the ids in the list's order from an index, never sorting them.
 */
class InsightsByClassPlanTest {
    private static final Scope SCOPE = new Scope.Account(ACCOUNT);

    @TempDir
    Path dataDir;

    @Test
    void oneClass_isReadFromThatClassIndexAlone() {
        assertThat(plan(filter(Set.of("rare_class"), Set.of())))
                .containsExactly("SEARCH insights USING COVERING INDEX insights_by_class"
                        + " (account_id=? AND dismissed=? AND issue_class=?)");
        assertThat(plan(filter(Set.of("rare_class"), Set.of(Severity.CRITICAL))))
                .containsExactly("SEARCH insights USING COVERING INDEX insights_by_class"
                        + " (account_id=? AND dismissed=? AND issue_class=?)");
    }

    @Test
    void noClassOrSeveral_keepTheListIndex() {
        String listIndex = "SEARCH insights USING COVERING INDEX insights_by_account (account_id=? AND dismissed=?)";
        assertThat(plan(InsightFilter.DEFAULT)).containsExactly(listIndex);
        assertThat(plan(filter(Set.of("rare_class", "other_class"), Set.of()))).containsExactly(listIndex);
        assertThat(plan(filter(Set.of(), Set.of(Severity.CRITICAL)))).containsExactly(listIndex);
    }

    private List<String> plan(InsightFilter filter) {
        InsightSql where = InsightSql.where(SCOPE, filter);
        try (Database database = Database.open(dataDir)) {
            return database.read(connection -> {
                try (PreparedStatement p =
                        connection.prepareStatement("EXPLAIN QUERY PLAN " + InsightLists.idsSql(where))) {
                    p.setInt(where.bind(p), 1_000);
                    List<String> steps = new ArrayList<>();
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            steps.add(rs.getString("detail"));
                        }
                    }
                    return steps;
                }
            });
        }
    }

    private static InsightFilter filter(Set<String> classes, Set<Severity> severities) {
        return new InsightFilter(
                classes,
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                severities,
                Set.of(),
                Set.of(),
                Set.of(),
                false,
                Set.of());
    }
}
