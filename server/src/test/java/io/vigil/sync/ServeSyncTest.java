package io.vigil.sync;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Main;
import io.vigil.auth.Permission;
import io.vigil.cli.ServerOptions;
import io.vigil.insight.Insight;
import io.vigil.testing.Postgres;
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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil serve --sync-every}: the server mirrors upstream on its own, and {@code /readyz} says how it went. */
class ServeSyncTest {
    @TempDir
    Path upstreamDir;

    @TempDir
    Path localDir;

    @Test
    void theServerSyncsOnSchedule_andReadyzShowsTheLastResult() throws Exception {
        try (TestServer upstream = TestServer.start(upstreamDir)) {
            List<Insight> insights = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                insights.add(SyncTest.insight("served-" + i, i % 2 == 0 ? ZONE : null, i));
            }
            upstream.seed(insights);
            String token = upstream.token(Permission.READ, Set.of(ACCOUNT), Set.of());
            SyncSchedule schedule = new SyncSchedule(
                    Duration.ofHours(6),
                    ACCOUNT,
                    List.of(),
                    false,
                    () -> new Upstream(
                            URI.create(upstream.baseUrl()),
                            token,
                            1_000,
                            Duration.ofSeconds(5),
                            HttpClient.newHttpClient(),
                            Clock.systemUTC(),
                            new SplittableRandom()));
            @Nullable
            String databaseUrl =
                    "postgres".equals(System.getProperty("vigil.test.database")) ? Postgres.freshDatabaseUrl() : null;
            ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .withSync(schedule);
            try (Main.Server first = Main.start(databaseUrl, localDir, options)) {
                String ready = waitForSync(first.port());
                assertThat(ready).contains("complete: ").contains(", 30 added,");
                if (databaseUrl != null) { // a second node on the same database: not its turn for 6 hours
                    try (Main.Server second = Main.start(databaseUrl, localDir.resolve("second"), options)) {
                        Thread.sleep(1_500);
                        assertThat(readyz(second.port())).isEqualTo(ready);
                    }
                }
            }
        }
    }

    private static String waitForSync(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String body = readyz(port);
            if (body.contains("last_sync")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no sync result in /readyz within 30 s: " + readyz(port));
    }

    private static String readyz(int port) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
