package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How remembered positions follow a dismissal, and how one request at a time walks a query. */
class ListPositionsTest {
    private final ListPositions positions = new ListPositions();
    private final Scope account = new Scope.Account(Insights.ACCOUNT);
    private final InsightFilter critical = new InsightFilter(
            Set.of(),
            Set.of(),
            Set.of(),
            Set.of(),
            Set.of(),
            Set.of(),
            Set.of(Severity.CRITICAL),
            Set.of(),
            Set.of(),
            Set.of(),
            false,
            Set.of());

    /** An insight last seen at second {@code t}; {@code severity} decides whether it passes {@link #critical}. */
    private static Insight seen(String id, long t, Severity severity) {
        Insight base = Insights.inAccount(id, Insights.ACCOUNT);
        Instant at = Instant.ofEpochSecond(t);
        return Insight.builder()
                .id(id)
                .accountId(base.accountId())
                .issueClass(base.issueClass())
                .issueType(IssueType.EXPOSED_INFRASTRUCTURE)
                .severity(severity)
                .subject(base.subject())
                .status(base.status())
                .payloadJson(base.payloadJson())
                .resolveLink(base.resolveLink())
                .resolveText(base.resolveText())
                .since(at)
                .timestamp(at)
                .build();
    }

    private void rememberTwo() {
        // Newest first: the row before offset 10 was last seen at t=900, the one before offset 20 at t=800.
        positions.remember(account, critical, 1, 10, new ListPositions.Position(900_000, "p10"));
        positions.remember(account, critical, 1, 20, new ListPositions.Position(800_000, "p20"));
    }

    @Test
    void dismissed_matchingRowBetweenPositions_shiftsOnlyTheLaterOneDown() {
        rememberTwo();
        positions.dismissed(1, 2, List.of(new ListPositions.Dismissal(seen("r", 850, Severity.CRITICAL), true)));
        assertThat(positions.floor(account, critical, 2, 10)).isEqualTo(Map.entry(10L, pos(900_000, "p10")));
        assertThat(positions.floor(account, critical, 2, 19)).isEqualTo(Map.entry(19L, pos(800_000, "p20")));
        assertThat(positions.floor(account, critical, 1, 19))
                .as("the old version")
                .isNull();
    }

    @Test
    void dismissed_restoredRowBeforeBoth_shiftsBothUp_andARowAtAPositionCounts() {
        rememberTwo();
        positions.dismissed(1, 2, List.of(new ListPositions.Dismissal(seen("r", 950, Severity.CRITICAL), false)));
        assertThat(positions.floor(account, critical, 2, 11)).isEqualTo(Map.entry(11L, pos(900_000, "p10")));
        positions.dismissed(2, 3, List.of(new ListPositions.Dismissal(seen("p20", 800, Severity.CRITICAL), true)));
        assertThat(positions.floor(account, critical, 3, 100)).isEqualTo(Map.entry(20L, pos(800_000, "p20")));
    }

    @Test
    void dismissed_rowTheFilterExcludesOrAnotherAccount_movesNothing() {
        rememberTwo();
        positions.dismissed(
                1,
                2,
                List.of(
                        new ListPositions.Dismissal(seen("low", 950, Severity.LOW), true),
                        new ListPositions.Dismissal(
                                Insight.builder()
                                        .id("other")
                                        .accountId(Insights.OTHER_ACCOUNT)
                                        .issueClass("c")
                                        .issueType(IssueType.EXPOSED_INFRASTRUCTURE)
                                        .severity(Severity.CRITICAL)
                                        .subject("s")
                                        .status(io.vigil.insight.InsightStatus.ACTIVE)
                                        .payloadJson("{}")
                                        .resolveLink("l")
                                        .resolveText("t")
                                        .since(Instant.ofEpochSecond(950))
                                        .timestamp(Instant.ofEpochSecond(950))
                                        .build(),
                                true)));
        assertThat(positions.floor(account, critical, 2, 20)).isEqualTo(Map.entry(20L, pos(800_000, "p20")));
    }

    @Test
    void dismissed_fromAnotherVersion_leavesThePositionsToBeForgotten() {
        rememberTwo();
        positions.dismissed(5, 6, List.of(new ListPositions.Dismissal(seen("r", 850, Severity.CRITICAL), true)));
        assertThat(positions.floor(account, critical, 6, 20)).isNull();
        assertThat(positions.floor(account, critical, 1, 20)).isNotNull();
    }

    @Test
    void walk_oneRequestAtATimePerQuery_theOthersWaitForIt() {
        assertThat(positions.walk(account, critical)).isNull();
        CompletableFuture<Void> waiting = positions.walk(account, critical);
        assertThat(waiting).isNotNull().isNotDone();
        assertThat(positions.walk(account, InsightFilter.DEFAULT))
                .as("another query")
                .isNull();
        positions.walked(account, critical);
        assertThat(waiting).isDone();
        assertThat(positions.walk(account, critical)).isNull();
    }

    private static ListPositions.Position pos(long t, String id) {
        return new ListPositions.Position(t, id);
    }
}
