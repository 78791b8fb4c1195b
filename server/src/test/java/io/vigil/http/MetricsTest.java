package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.Main;
import io.vigil.auth.Permission;
import io.vigil.auth.RateLimit;
import io.vigil.cli.ServerOptions;
import io.vigil.insight.ExpiryPolicy;
import io.vigil.store.Database;
import io.vigil.testing.Postgres;
import io.vigil.testing.Seeds;
import io.vigil.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} on its own listener, scraped after a known run of API requests: the request counters by route
 * template, method and status match what was sent, the writer, pool, auth and JVM meters are there, nothing of
 * a tenant is, and Prometheus' own {@code promtool check metrics} accepts the scrape.
 */
class MetricsTest {
    private static final String PATCH_ROUTE =
            "/client/v4/accounts/{account_id}/security-center/insights/{issue_id}/classification";
    private static final String LIST_ROUTE = "/client/v4/accounts/{account_id}/security-center/insights";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scrape_afterARunOfRequests_countsEachRouteMethodAndStatusAndPassesPromtool() throws Exception {
        @Nullable
        String databaseUrl =
                "postgres".equals(System.getProperty("vigil.test.database")) ? Postgres.freshDatabaseUrl() : null;
        String editor;
        String reader;
        try (Database database = Database.open(databaseUrl, dataDir)) {
            editor = Seeds.insightsAndEditToken(database, "m", 20);
            reader = Seeds.insightsAndEditToken(database, "r", 1);
        }
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        ServerOptions options = new ServerOptions(
                        loopback,
                        RateLimit.parse("20/1m"),
                        null,
                        null,
                        ServerOptions.SEAL_EVERY,
                        ServerOptions.EXPIRE_EVERY,
                        ExpiryPolicy.NONE,
                        null,
                        false,
                        List.of(),
                        List.of())
                .withMetrics(loopback);
        String scrape;
        try (Main.Server server = Main.start(databaseUrl, dataDir, options)) {
            int port = server.port();
            for (int i = 0; i < 7; i++) {
                assertThat(send(Seeds.classify(
                                port,
                                "m" + i,
                                "{\"classification\":\"false_positive\"}",
                                editor,
                                Duration.ofSeconds(10))))
                        .isEqualTo(200);
            }
            assertThat(send(Seeds.classify(
                            port,
                            "m0",
                            "{\"classification\":\"other\",\"rationale\":\"x\"}",
                            editor,
                            Duration.ofSeconds(10))))
                    .isEqualTo(409);
            for (int i = 0; i < 3; i++) {
                assertThat(send(get(port, "/client/v4/accounts/" + ACCOUNT + "/security-center/insights", editor)))
                        .isEqualTo(200);
            }
            for (int i = 0; i < 2; i++) {
                assertThat(send(get(
                                port, "/client/v4/accounts/" + ACCOUNT + "/security-center/insights", "not-a-token")))
                        .isEqualTo(401);
            }
            for (int i = 0; i < 21; i++) { // the 21st is past the budget of 20
                send(get(port, "/client/v4/user/tokens/verify", reader));
            }
            assertThat(send(get(port, "/client/v4/no/such/thing", editor))).isEqualTo(404);
            assertThat(send(get(port, "/livez", null))).isEqualTo(200);

            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            scrape = response.body();
            assertThat(send(get(server.metricsPort(), "/client/v4/user/tokens/verify", editor)))
                    .as("the metrics listener serves nothing else")
                    .isEqualTo(404);
        }

        assertThat(sample(scrape, "http_server_requests_seconds_count", "PATCH", PATCH_ROUTE, "200"))
                .isEqualTo(7);
        assertThat(sample(scrape, "http_server_requests_seconds_count", "PATCH", PATCH_ROUTE, "409"))
                .isEqualTo(1);
        assertThat(sample(scrape, "http_server_requests_seconds_count", "GET", LIST_ROUTE, "200"))
                .isEqualTo(3);
        assertThat(sample(scrape, "http_server_requests_seconds_count", "GET", LIST_ROUTE, "401"))
                .isEqualTo(2);
        assertThat(sample(scrape, "http_server_requests_seconds_count", "GET", "/client/v4/user/tokens/verify", "200"))
                .isEqualTo(20);
        assertThat(sample(scrape, "http_server_requests_seconds_count", "GET", "/client/v4/user/tokens/verify", "429"))
                .isEqualTo(1);
        assertThat(sample(scrape, "http_server_requests_seconds_count", "GET", "unmatched", "404"))
                .isEqualTo(1);
        assertThat(sample(scrape, "http_server_requests_seconds_count", "GET", "/livez", "200"))
                .isEqualTo(1);
        assertThat(sample(scrape, "http_server_requests_seconds_bucket", "PATCH", PATCH_ROUTE, "200", "le=\"+Inf\""))
                .isEqualTo(7);
        assertThat(total(scrape, "http_server_requests_seconds_count")).isEqualTo(7 + 1 + 3 + 2 + 21 + 1 + 1);

        assertThat(total(scrape, "vigil_auth_failures_total{reason=\"authentication\"}"))
                .isEqualTo(2);
        assertThat(total(scrape, "vigil_rate_limit_refusals_total")).isEqualTo(1);
        assertThat(total(scrape, "vigil_webhook_backlog")).isZero(); // no subscription
        // The 7 classifications and the refused one went through the group-commit writer.
        assertThat(total(scrape, "vigil_writer_batch_size_sum")).isEqualTo(8);
        assertThat(total(scrape, "vigil_writer_batch_size_count")).isBetween(1.0, 8.0);
        assertThat(total(scrape, "vigil_writer_commit_seconds_count"))
                .isEqualTo(total(scrape, "vigil_writer_batch_size_count"));
        assertThat(scrape)
                .contains("vigil_writer_queue_depth{")
                .contains("hikaricp_connections_active{")
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_gc_")
                .contains("process_cpu_usage")
                .contains("process_uptime_seconds");
        assertThat(scrape)
                .as("no tenant, insight or credential in a scrape")
                .doesNotContain(ACCOUNT)
                .doesNotContain("m0")
                .doesNotContain(editor)
                .doesNotContain("no/such/thing");

        promtoolAccepts(scrape);
    }

    @Test
    void metrics_whenNotAskedFor_haveNoListener() {
        try (TestServer server = TestServer.start(dataDir)) {
            server.token(Permission.READ, java.util.Set.of(ACCOUNT), java.util.Set.of());
            assertThat(server.sendToRoot("GET", "/metrics").status()).isEqualTo(404);
        }
    }

    /** {@code promtool check metrics}; installed by {@code .ci/tools.sh} in CI, skipped elsewhere when missing. */
    private static void promtoolAccepts(String scrape) throws IOException, InterruptedException {
        boolean installed =
                new ProcessBuilder("sh", "-c", "command -v promtool").start().waitFor() == 0;
        if (!installed) {
            assertThat(System.getenv("CI"))
                    .as("promtool must be installed in CI (.ci/tools.sh)")
                    .isNull();
            assumeTrue(false, "promtool is not installed: run .ci/tools.sh (apt-get install prometheus)");
        }
        Path file = Files.createTempFile("vigil-scrape", ".txt");
        try {
            Files.writeString(file, scrape);
            Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                    .redirectInput(file.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(promtool.exitValue()).as(output).isZero();
        } finally {
            Files.delete(file);
        }
    }

    private int send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest get(int port, String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    /** The value of {@code name} with exactly these method, route and status labels (and {@code extra}). */
    private static double sample(
            String scrape, String name, String method, String route, String status, String... extra) {
        Map<String, Double> found = new HashMap<>();
        for (String line : scrape.lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).equals(name) && m.group(3) != null) {
                found.put(m.group(3), Double.parseDouble(m.group(4)));
            }
        }
        return found.entrySet().stream()
                .filter(e -> e.getKey().contains("method=\"" + method + "\"")
                        && e.getKey().contains("route=\"" + route + "\"")
                        && e.getKey().contains("status=\"" + status + "\"")
                        && java.util.Arrays.stream(extra).allMatch(e.getKey()::contains))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** The sum over every series of {@code name} (or {@code name{label="value"}}: those with that label). */
    private static double total(String scrape, String selector) {
        String name = selector.contains("{") ? selector.substring(0, selector.indexOf('{')) : selector;
        String label =
                selector.contains("{") ? selector.substring(selector.indexOf('{') + 1, selector.length() - 1) : "";
        double sum = 0;
        for (String line : scrape.lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()
                    && m.group(1).equals(name)
                    && (m.group(3) == null ? label.isEmpty() : m.group(3).contains(label))) {
                sum += Double.parseDouble(m.group(4));
            }
        }
        return sum;
    }
}
