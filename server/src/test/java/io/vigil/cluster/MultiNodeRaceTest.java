package io.vigil.cluster;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Main;
import io.vigil.audit.AuditEntry;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import io.vigil.tenant.Scope;
import io.vigil.testing.AuditTrail;
import io.vigil.testing.Postgres;
import io.vigil.testing.Seeds;
import io.vigil.testing.Stores;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Vigil nodes on one PostgreSQL; clients race conflicting classifications over the same insights
 * through both. For every insight exactly one change wins, every loser gets the 409, the audit log holds
 * exactly the winning change, and replaying each insight's audit entries gives its current state.
 */
class MultiNodeRaceTest {
    private static final int INSIGHTS = 40;
    private static final List<String> BODIES = List.of(
            "{\"classification\":\"false_positive\"}",
            "{\"classification\":\"accept_risk\",\"rationale\":\"node race\"}",
            "{\"classification\":\"other\",\"rationale\":\"node race\"}");

    @TempDir
    Path unused;

    @Test
    void conflictingChangesThroughTwoNodes_exactlyOneWinnerPerInsight() throws Exception {
        String url = Postgres.freshDatabaseUrl();
        String token = seed(url);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (Main.Server first = Main.start(url, unused.resolve("first"), any); // each node its own data dir
                Main.Server second = Main.start(url, unused.resolve("second"), any)) {
            List<Integer> ports = List.of(first.port(), second.port());
            HttpClient http = HttpClient.newHttpClient();
            Map<String, List<Integer>> statuses = new ConcurrentHashMap<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(24)) {
                for (int i = 0; i < INSIGHTS; i++) {
                    String id = "node-race-" + i;
                    for (int contender = 0; contender < 6; contender++) {
                        int port = ports.get(contender % 2);
                        String body = BODIES.get(contender % 3);
                        work.add(pool.submit(() -> {
                            go.await();
                            HttpResponse<String> response = http.send(
                                    Seeds.classify(port, id, body, token, Duration.ofSeconds(30)),
                                    HttpResponse.BodyHandlers.ofString());
                            statuses.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(response.statusCode());
                            return null;
                        }));
                    }
                }
                go.countDown();
                for (Future<?> f : work) {
                    f.get();
                }
            }
            try (Database database = Database.open(url);
                    JdbcInsightStore store = Stores.insights(database)) {
                for (int i = 0; i < INSIGHTS; i++) {
                    String id = "node-race-" + i;
                    assertThat(statuses.get(id)).as(id).containsOnly(200, 409).contains(200, 409);
                    List<AuditEntry> trail = AuditTrail.of(database, ACCOUNT, id);
                    assertThat(trail).as("audit of %s", id).hasSize(1);
                    String value = trail.get(0).currentValue();
                    // 200s are the winner plus contenders that asked for the same value (idempotent).
                    long winnersAndRepeats =
                            statuses.get(id).stream().filter(s -> s == 200).count();
                    assertThat(winnersAndRepeats).isEqualTo(2); // each value is asked for by 2 of the 6 contenders
                    assertThat(store.find(new Scope.Account(ACCOUNT), id)
                                    .orElseThrow()
                                    .classification())
                            .isNotNull()
                            .extracting(c -> c.wireName())
                            .isEqualTo(value);
                }
            }
        }
    }

    private static String seed(String url) {
        try (Database database = Database.open(url)) {
            return Seeds.insightsAndEditToken(database, "node-race-", INSIGHTS);
        }
    }
}
