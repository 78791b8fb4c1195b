package io.vigil.sync;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.Main;
import io.vigil.auth.Permission;
import io.vigil.cli.ServerOptions;
import io.vigil.insight.Insight;
import io.vigil.store.Database;
import io.vigil.testing.Seeds;
import io.vigil.testing.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan of the account a server syncs, with a second Vigil standing in for Cloudflare: the scan is started
 * upstream too, and what changed there since the last sync is pulled.
 */
class SyncedScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path upstreamDir;

    @TempDir
    Path localDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aScanOfTheSyncedAccount_startsOneUpstream_andPullsWhatChangedThere() throws Exception {
        try (TestServer upstream = TestServer.start(upstreamDir)) {
            upstream.seed(insights(0, 20));
            String upstreamToken = upstream.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
            SyncSchedule schedule = new SyncSchedule(
                    Duration.ofHours(6),
                    ACCOUNT,
                    List.of(),
                    false,
                    () -> new Upstream(
                            URI.create(upstream.baseUrl()),
                            upstreamToken,
                            1_000,
                            Duration.ofSeconds(5),
                            HttpClient.newHttpClient(),
                            Clock.systemUTC(),
                            new SplittableRandom()));
            String token;
            try (Database database = Database.open(localDir)) {
                token = Seeds.insightsAndEditToken(database, "local-", 0);
            }
            ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .withSync(schedule);
            try (Main.Server local = Main.start(null, localDir, options)) {
                awaitTotal(
                        local.port(), token, 18); // the scheduled sync's first run (2 of 20 are dismissed: not listed)
                upstream.seed(insights(20, 30)); // found upstream after that run

                JsonNode started = send(local.port(), token, "POST", "{}");
                assertThat(started.path("success").asBoolean())
                        .as(started.toString())
                        .isTrue();
                awaitTotal(local.port(), token, 28);

                JsonNode upstreamScans = JSON.readTree(http.send(
                                HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/accounts/" + ACCOUNT
                                                + "/security-center/insights/scans"))
                                        .header("Authorization", "Bearer " + upstreamToken)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                assertThat(upstreamScans
                                .path("result")
                                .path("quota")
                                .path("used")
                                .asInt())
                        .as("the scan was started upstream too")
                        .isEqualTo(1);
            }
        }
    }

    private static List<Insight> insights(int from, int to) {
        List<Insight> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(SyncTest.insight("up-" + i, i % 2 == 0 ? ZONE : null, i));
        }
        return list;
    }

    private void awaitTotal(int port, String token, long total) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client/v4/accounts/" + ACCOUNT
                                    + "/security-center/insights?per_page=1"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            seen = JSON.readTree(list.body())
                    .path("result_info")
                    .path("total_count")
                    .asLong();
            if (seen == total) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the local store holds " + seen + " insights, not " + total);
    }

    private JsonNode send(int port, String token, String method, String body) throws Exception {
        return JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client/v4/accounts/" + ACCOUNT
                                        + "/security-center/insights/scans"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }
}
