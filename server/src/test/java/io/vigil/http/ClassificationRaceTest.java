package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.auth.Permission;
import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many clients race to classify the same unclassified insights with different values. The store's
 * compare-and-set must let exactly one win per insight; every loser gets the 409, and the audit log
 * holds exactly the winning change.
 */
class ClassificationRaceTest {
    private static final int INSIGHTS = 60;
    private static final List<String> BODIES = List.of(
            "{\"classification\":\"false_positive\"}",
            "{\"classification\":\"accept_risk\",\"rationale\":\"race\"}",
            "{\"classification\":\"other\",\"rationale\":\"race\"}");
    private static final int CONTENDERS_PER_VALUE = 3;

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void concurrentDifferentValuesFromNull_exactlyOneWinnerPerInsight_losersGet409_oneAuditEntry() throws Exception {
        String token = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        List<Insight> insights = new ArrayList<>();
        for (int i = 0; i < INSIGHTS; i++) {
            insights.add(Insights.inAccount("race-" + i, ACCOUNT));
        }
        server.seed(insights);

        Map<String, List<String>> winners = new ConcurrentHashMap<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        int contenders = BODIES.size() * CONTENDERS_PER_VALUE;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (Insight insight : insights) {
                for (int c = 0; c < contenders; c++) {
                    String body = BODIES.get(c % BODIES.size());
                    work.add(pool.submit(() -> {
                        go.await();
                        Reply reply = server.classify("/accounts/" + ACCOUNT, insight.id(), body, token);
                        statuses.merge(reply.status(), 1, Integer::sum);
                        if (reply.status() == 200) {
                            winners.computeIfAbsent(
                                            insight.id(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(body);
                        } else {
                            assertThat(reply.status()).isEqualTo(409);
                            assertThat(reply.json()
                                            .path("errors")
                                            .get(0)
                                            .path("code")
                                            .asInt())
                                    .isEqualTo(1200);
                        }
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> f : work) {
                f.get();
            }
        }

        assertThat(statuses.keySet()).containsOnly(200, 409);
        for (Insight insight : insights) {
            List<AuditEntry> trail = server.auditTrail(insight.id());
            assertThat(trail).as("audit of %s", insight.id()).hasSize(1);
            String value = trail.get(0).currentValue();
            // Every 200 is the winner or an idempotent repeat of the same value; never a second value.
            assertThat(winners.get(insight.id()))
                    .isNotEmpty()
                    .allSatisfy(body -> assertThat(body).contains("\"" + value + "\""));
            assertThat(server.insight(ACCOUNT, insight.id()).orElseThrow().classification())
                    .isEqualTo(Classification.fromWireName(Objects.requireNonNull(value))
                            .orElseThrow());
        }
    }
}
