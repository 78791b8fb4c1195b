package io.vigil.scan;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.testing.Insights;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule of what a scan resolves, on its own (the store applies it: scanner/ScanResolutionContract). */
class ScanReportTest {
    private static ScanReport report(ScanRequest request, Map<String, List<Insight>> byScanner) {
        Scan scan = new Scan("s", ACCOUNT, ZONE, request, ScanStatus.RUNNING, null, Instant.EPOCH, "token:t");
        return new ScanReport(scan, byScanner);
    }

    private static Insight insight(String id) {
        return Insights.inZone(id, ACCOUNT, ZONE);
    }

    @Test
    void resolve_whatAScannerNoLongerReports_unlessReportedElsewhereOrResolvedAlready() {
        ScanReport report = report(
                new ScanRequest.Everything(),
                Map.of("a", List.of(insight("kept"), insight("moved-to-a")), "b", List.of(insight("moved-to-a"))));
        Map<String, Set<String>> before = Map.of(
                "a", Set.of("kept", "gone", "held", "done"),
                "b", Set.of("moved-to-a", "b-gone"),
                "not-run", Set.of("other"));
        Map<String, Insight> stored = Map.of(
                "gone", insight("gone"),
                "held", insight("held"),
                "done", Insights.withStatus(insight("done"), InsightStatus.RESOLVED),
                "b-gone", insight("b-gone"));

        assertThat(report.dropped(before)).containsExactlyInAnyOrder("gone", "held", "done", "b-gone");
        ScanReport.Resolution resolution = report.resolve(before, stored, Set.of("held"));

        assertThat(resolution.resolved()).extracting(Insight::id).containsExactly("b-gone", "gone");
        assertThat(resolution.resolved()).allMatch(i -> i.status() == InsightStatus.RESOLVED);
        assertThat(resolution.forgotten())
                .isEqualTo(Map.of("a", Set.of("gone", "held", "done"), "b", Set.of("b-gone")));
        assertThat(report.scope()).isEqualTo(ZONE);
    }

    @Test
    void resolve_inAScanOfOneKind_leavesOtherKindsAlone_andRemembered() {
        Insight other = insight("other").toBuilder()
                .issueType(IssueType.EXPOSED_INFRASTRUCTURE)
                .build();
        ScanReport report = report(new ScanRequest.OfType(IssueType.INSECURE_CONFIGURATION), Map.of("a", List.of()));
        Map<String, Set<String>> before = Map.of("a", Set.of("same-kind", "other"));

        ScanReport.Resolution resolution =
                report.resolve(before, Map.of("same-kind", insight("same-kind"), "other", other), Set.of());

        assertThat(resolution.resolved()).extracting(Insight::id).containsExactly("same-kind");
        assertThat(resolution.forgotten()).isEqualTo(Map.of("a", Set.of("same-kind")));
    }
}
