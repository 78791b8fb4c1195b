package io.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.junit.Vigil;
import io.vigil.junit.VigilTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Use it from Java" examples, as written there (the base URL and token the test's own). */
@VigilTest(resetAfterEach = true)
class ReadmeExamplesTest {
    @Test
    void theClientExample_classifiesTheUnclassifiedCriticals(Vigil vigil) {
        vigil.seed()
                .insight("open-port", i -> i.severity(io.vigil.insight.Severity.CRITICAL))
                .insight("weak-tls", i -> i.severity(io.vigil.insight.Severity.LOW))
                .apply();
        List<String> printed = new ArrayList<>();
        try (InsightsClient cf = InsightsClient.builder()
                .baseUrl(vigil.baseUrl())
                .apiToken(vigil.editToken())
                .build()) {
            var insights = cf.account(vigil.accountId()).insights();
            for (Insight i : insights.list(
                    InsightQuery.builder().severity(Severity.CRITICAL).build())) {
                printed.add(i.id() + " " + i.issueClass() + " " + i.userClassification());
                if (i.userClassification() == null) {
                    insights.classify(i.id(), Classification.ACCEPT_RISK, "compensating control in SEC-42");
                }
            }
            try {
                insights.classify("open-port", Classification.OTHER, "changed my mind");
            } catch (ConflictException e) {
                printed.add(e.errors().get(0).message());
            }
        }
        assertThat(printed).hasSize(2);
        assertThat(printed.get(0)).startsWith("open-port ").endsWith(" null");
        assertThat(printed.get(1)).contains("reset it to null before setting 'other'");
        assertThat(vigil.changes().of("open-port"))
                .singleElement()
                .satisfies(c -> assertThat(c.newValue()).isEqualTo("accept_risk"));
    }

    @Test
    void acceptsTheRisk_evenAfterARateLimit(Vigil vigil) {
        vigil.seed()
                .insight("open-port", i -> i.severity(io.vigil.insight.Severity.CRITICAL))
                .apply();
        vigil.faults()
                .on("PATCH", "/accounts/{account_id}/security-center/insights/{issue_id}/classification")
                .rateLimited(Duration.ofSeconds(1), 1); // the first PATCH gets a 429 with Retry-After: 1
        try (InsightsClient cf = InsightsClient.builder()
                .baseUrl(vigil.baseUrl())
                .apiToken(vigil.editToken())
                .build()) {
            cf.account(vigil.accountId()).insights().classify("open-port", Classification.ACCEPT_RISK, "SEC-42");
        } // the client waited the second and sent it again
        assertThat(vigil.changes().of("open-port"))
                .singleElement()
                .satisfies(change -> assertThat(change.newValue()).isEqualTo("accept_risk"));
    }
}
