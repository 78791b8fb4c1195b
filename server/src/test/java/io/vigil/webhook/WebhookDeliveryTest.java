package io.vigil.webhook;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.Main;
import io.vigil.cli.ServerOptions;
import io.vigil.store.Database;
import io.vigil.testing.Postgres;
import io.vigil.testing.Seeds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end: subscriptions made through the HTTP API of a running server, changes made through
 * Cloudflare's routes, and a real receiver that verifies every delivery with the Standard Webhooks library.
 */
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Main.Server server;
    private String token;

    @BeforeEach
    void start() {
        @Nullable
        String databaseUrl =
                "postgres".equals(System.getProperty("vigil.test.database")) ? Postgres.freshDatabaseUrl() : null;
        try (Database database = Database.open(databaseUrl, dataDir)) {
            token = Seeds.insightsAndEditToken(database, "w", 10);
        }
        server = Main.start(
                databaseUrl,
                dataDir,
                ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .withPrivateWebhookTargets());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyChange_isDeliveredSigned_inOrderPerInsight_withTheEntryAndTheInsightsCurrentState() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            JsonNode created = subscribe("{\"url\":\"" + receiver.url() + "\"}");
            receiver.secret(created.get("secret").asText());
            assertThat(created.get("state").asText()).isEqualTo("active");
            classify("w1", "{\"classification\":\"false_positive\"}");
            classify("w1", "{\"classification\":null}");
            classify("w1", "{\"classification\":\"accept_risk\",\"rationale\":\"known\"}");
            dismiss("w2", true);
            assertThat(receiver.await(4, WAIT)).isTrue();
            List<Receiver.Delivery> got = receiver.deliveries();
            // insights are sent to side by side; each insight's changes in the log's order
            List<Receiver.Delivery> w1 =
                    got.stream().filter(d -> d.issueId().equals("w1")).toList();
            assertThat(w1).extracting(Receiver.Delivery::type).containsOnly("insight.classification_changed");
            assertThat(w1).hasSize(3).extracting(Receiver.Delivery::position).isSorted();
            JsonNode last = w1.get(2).body().get("data");
            assertThat(last.get("entry").get("previous_value").isNull()).isTrue();
            assertThat(last.get("entry").get("current_value").asText()).isEqualTo("accept_risk");
            assertThat(last.get("entry").get("rationale").asText()).isEqualTo("known");
            assertThat(last.get("entry").get("account_id").asText()).isEqualTo(ACCOUNT);
            assertThat(last.get("insight").get("user_classification").asText()).isEqualTo("accept_risk");
            Receiver.Delivery w2 = got.stream()
                    .filter(d -> d.issueId().equals("w2"))
                    .findFirst()
                    .orElseThrow();
            assertThat(w2.type()).isEqualTo("insight.dismissal_changed");
            assertThat(w2.body().get("data").get("insight").get("dismissed").asBoolean())
                    .isTrue();
            assertThat(got).extracting(Receiver.Delivery::id).doesNotHaveDuplicates();
            assertThat(receiver.badSignatures()).isZero();
            JsonNode listed = awaitListed(s -> s.get("delivered").asInt() == 4);
            assertThat(listed.has("secret")).isFalse();
            assertThat(listed.get("last_delivery").isNull()).isFalse();
            assertThat(last.get("entry").has("bulk_id"))
                    .as("a change made alone")
                    .isFalse();

            // A bulk's changes carry its bulk_id, as the audit log shows it.
            HttpResponse<String> bulk = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/client/v4/vigil/accounts/"
                                    + ACCOUNT + "/insights/bulk/dismiss"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"w3\",\"w4\"],\"dismiss\":true}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
            String bulkId =
                    JSON.readTree(bulk.body()).get("result").get("bulk_id").asText();
            assertThat(receiver.await(6, WAIT)).isTrue();
            assertThat(receiver.deliveries().stream().filter(d -> d.issueId().matches("w[34]")))
                    .hasSize(2)
                    .allSatisfy(d -> assertThat(d.body()
                                    .get("data")
                                    .get("entry")
                                    .get("bulk_id")
                                    .asText())
                            .isEqualTo(bulkId));
        }
    }

    @Test
    void aRotatedSecret_signsBesideTheOldOneForTheOverlap_thenAlone() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String old = subscribe("{\"url\":\"" + receiver.url() + "\"}")
                    .get("secret")
                    .asText();
            receiver.secret(old);
            String id = list().get(0).get("id").asText();
            long rotatedAt = System.currentTimeMillis();
            JsonNode rotated = call("POST", "/" + id + "/rotate-secret", "{\"overlap_seconds\":3}");
            String fresh = rotated.get("secret").asText();
            assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
            assertThat(java.time.Instant.parse(
                            rotated.get("previous_secret_expires_on").asText()))
                    .isBetween(
                            java.time.Instant.ofEpochMilli(rotatedAt),
                            java.time.Instant.now().plusSeconds(4));

            // Within the overlap each delivery verifies with either secret (the Standard Webhooks library accepts
            // any one of the signatures it carries).
            classify("w1", "{\"classification\":\"false_positive\"}");
            assertThat(receiver.await(1, WAIT)).isTrue();
            receiver.secret(fresh);
            classify("w2", "{\"classification\":\"false_positive\"}");
            assertThat(receiver.await(2, WAIT)).isTrue();
            assertThat(receiver.badSignatures()).isZero();

            // After it, only the new secret signs.
            Thread.sleep(Math.max(0, rotatedAt + 3_500 - System.currentTimeMillis()));
            receiver.secret(old);
            classify("w3", "{\"classification\":\"false_positive\"}");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (receiver.badSignatures() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(receiver.badSignatures())
                    .as("the old secret no longer signs")
                    .isPositive();
            receiver.secret(fresh);
            assertThat(receiver.await(3, WAIT)).isTrue();
        }
    }

    @Test
    void aFailingReceiver_isRetriedWithBackoff_andReceivesEverything() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.answers(n -> n <= 3 ? Receiver.Answer.FAIL : Receiver.Answer.OK);
            receiver.secret(subscribe("{\"url\":\"" + receiver.url() + "\"}")
                    .get("secret")
                    .asText());
            for (int i = 0; i < 5; i++) {
                classify("w" + i, "{\"classification\":\"false_positive\"}");
            }
            assertThat(receiver.await(5, WAIT)).isTrue();
            assertThat(receiver.deliveries())
                    .extracting(Receiver.Delivery::issueId)
                    .containsExactlyInAnyOrder("w0", "w1", "w2", "w3", "w4");
            assertThat(receiver.attempts()).isGreaterThanOrEqualTo(8);
            JsonNode listed = awaitListed(s -> s.get("delivered").asInt() == 5);
            assertThat(listed.get("failures").asInt()).isZero();
            assertThat(listed.get("state").asText()).isEqualTo("active");
        }
    }

    @Test
    void aHangingReceiver_delaysNeitherTheApiNorAnotherSubscription() throws Exception {
        try (Receiver hanging = Receiver.start();
                Receiver healthy = Receiver.start()) {
            hanging.answers(n -> Receiver.Answer.HANG).hangFor(Duration.ofSeconds(20));
            hanging.secret(subscribe("{\"url\":\"" + hanging.url() + "\"}")
                    .get("secret")
                    .asText());
            healthy.secret(subscribe("{\"url\":\"" + healthy.url() + "\"}")
                    .get("secret")
                    .asText());
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                classify("w" + i, "{\"classification\":\"false_positive\"}");
            }
            assertThat(healthy.await(10, Duration.ofSeconds(8))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            assertThat(hanging.deliveries()).isEmpty();
        }
    }

    @Test
    void filters_pause_resume_andReplay() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            JsonNode created =
                    subscribe("{\"url\":\"" + receiver.url() + "\",\"kinds\":[\"insight.dismissal_changed\"]}");
            receiver.secret(created.get("secret").asText());
            String id = created.get("id").asText();
            classify("w1", "{\"classification\":\"false_positive\"}"); // not a dismissal: never sent
            dismiss("w1", true);
            assertThat(receiver.await(1, WAIT)).isTrue();
            assertThat(call("PATCH", "/" + id, "{\"paused\":true}").get("state").asText())
                    .isEqualTo("paused");
            dismiss("w1", false);
            Thread.sleep(1_500);
            assertThat(receiver.deliveries()).hasSize(1);
            assertThat(call("PATCH", "/" + id, "{\"paused\":false}")
                            .get("state")
                            .asText())
                    .isEqualTo("active");
            assertThat(receiver.await(2, WAIT)).isTrue();
            call("POST", "/" + id + "/replay", "{\"after_position\":0}");
            assertThat(receiver.await(4, WAIT)).isTrue();
            List<Receiver.Delivery> got = receiver.deliveries();
            assertThat(got).extracting(Receiver.Delivery::type).containsOnly("insight.dismissal_changed");
            // a replay sends the same messages again: the same webhook-ids, which receivers deduplicate on
            assertThat(got.subList(2, 4))
                    .extracting(Receiver.Delivery::id)
                    .containsExactlyElementsOf(got.subList(0, 2).stream()
                            .map(Receiver.Delivery::id)
                            .toList());
            assertThat(call("DELETE", "/" + id, "").get("id").asText()).isEqualTo(id);
            assertThat(list()).isEmpty();
        }
    }

    @Test
    void aRedirect_isAFailedDelivery_neverFollowed() throws Exception {
        try (Receiver redirecting = Receiver.start();
                Receiver elsewhere = Receiver.start()) {
            redirecting.answers(n -> Receiver.Answer.REDIRECT).redirectTo(elsewhere.url());
            String secret = subscribe("{\"url\":\"" + redirecting.url() + "\"}")
                    .get("secret")
                    .asText();
            redirecting.secret(secret);
            elsewhere.secret(secret);
            classify("w1", "{\"classification\":\"false_positive\"}");
            JsonNode listed = awaitListed(s -> s.get("failures").asInt() >= 2);
            assertThat(listed.get("last_error").asText()).isEqualTo("HTTP 302");
            assertThat(listed.get("delivered").asInt()).isZero();
            assertThat(elsewhere.attempts()).isZero();
        }
    }

    @Test
    void badRequests_areRefusedWithCloudflareStyleErrors() throws Exception {
        Map<String, Integer> codes = Map.of(
                "{\"url\":\"ftp://example.com/x\"}", 1300,
                "{}", 1003,
                "{\"url\":\"https://example.com/\",\"kinds\":[\"insight.nope\"]}", 1002,
                "{\"url\":\"https://example.com/\",\"severities\":[\"huge\"]}", 1002,
                "{\"url\":\"https://example.com/\",\"extra\":1}", 1006);
        for (Map.Entry<String, Integer> bad : codes.entrySet()) {
            HttpResponse<String> answer = send("POST", "", bad.getKey());
            assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(answer.body())
                            .get("errors")
                            .get(0)
                            .get("code")
                            .asInt())
                    .as(bad.getKey())
                    .isEqualTo(bad.getValue());
        }
        HttpResponse<String> tooLong = send("POST", "", "{\"url\":\"http://127.0.0.1/" + "x".repeat(10_000) + "\"}");
        assertThat(JSON.readTree(tooLong.body())
                        .get("errors")
                        .get(0)
                        .get("message")
                        .asText())
                .as("the length is what is wrong, whatever the scheme")
                .isEqualTo("url is 10017 characters long; at most 2048 are allowed");
        assertThat(send("GET", "/0123456789abcdef0123456789abcdef", "").statusCode())
                .isEqualTo(404);
        assertThat(list()).isEmpty();
    }

    /** The first subscription as listed, once {@code ready} holds of it (the cursor moves after the receiver's 2xx). */
    private JsonNode awaitListed(java.util.function.Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode listed = list().get(0);
        while (!ready.test(listed) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            listed = list().get(0);
        }
        return listed;
    }

    private JsonNode subscribe(String body) throws Exception {
        return call("POST", "", body);
    }

    private JsonNode list() throws Exception {
        return call("GET", "", "");
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpResponse<String> answer = send(method, path, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("result");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/client/v4/vigil/accounts/" + ACCOUNT + "/webhooks" + path))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void classify(String issueId, String body) throws Exception {
        HttpResponse<String> answer = http.send(
                Seeds.classify(server.port(), issueId, body, token, Duration.ofSeconds(10)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private void dismiss(String issueId, boolean dismissed) throws Exception {
        HttpResponse<String> answer = http.send(
                Seeds.dismiss(server.port(), issueId, dismissed, token, Duration.ofSeconds(10)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
