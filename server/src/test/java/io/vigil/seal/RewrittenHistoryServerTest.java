package io.vigil.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.Main;
import io.vigil.cli.ServerOptions;
import io.vigil.store.Database;
import io.vigil.testing.Insights;
import io.vigil.testing.Seeds;
import io.vigil.webhook.Receiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trial, against a running server: a history rewritten with the database file alone, then the server
 * started again. It seals nothing, says so in {@code /readyz} and its metrics and log, and keeps the evidence.
 */
class RewrittenHistoryServerTest {
    @TempDir
    Path dataDir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aServerStartedOnARewrittenHistory_sealsNothing_andSaysSo() throws Exception {
        String token;
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "h", 5);
        }
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        ServerOptions options =
                ServerOptions.plain(loopback).withMetrics(loopback).withPrivateWebhookTargets();
        Receiver receiver = Receiver.start();
        try (Main.Server server = Main.start(null, dataDir, options)) {
            HttpResponse<String> subscribed = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/client/v4/vigil/accounts/"
                                    + Insights.ACCOUNT + "/webhooks"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"url\":\"" + receiver.url() + "\",\"kinds\":[\"audit.history_broken\"]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
            receiver.secret(
                    JSON.readTree(subscribed.body()).get("result").get("secret").asText());
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> answer = http.send(
                        Seeds.classify(
                                server.port(),
                                "h" + i,
                                "{\"classification\":\"false_positive\",\"rationale\":\"r" + i + "\"}",
                                token,
                                Duration.ofSeconds(10)),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
            assertThat(get(server.port(), "/readyz").body()).isEqualTo("{\"status\":\"ok\"}");
        } // stopping seals what waits, and keeps the head
        assertThat(Files.readString(dataDir.resolve(SealFiles.HEAD_FILE))).contains("size 5\n");

        sql(
                "UPDATE audit_log SET rationale = 'edited' WHERE position = 2",
                "DELETE FROM audit_seals",
                "UPDATE audit_log SET position = NULL, leaf_hash = NULL");

        try (Main.Server server = Main.start(null, dataDir, options)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String ready = get(server.port(), "/readyz").body();
            while (!ready.contains("degraded") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                ready = get(server.port(), "/readyz").body();
            }
            assertThat(ready)
                    .startsWith("{\"status\":\"degraded\",\"degraded\":\"sealing stopped: this node sealed up to seal")
                    .contains("the database has no seal");
            assertThat(get(server.metricsPort(), "/metrics").body()).contains("vigil_audit_history_broken 1.0");
            Thread.sleep(1_500); // more than a sealing round
            assertThat(count("SELECT count(*) FROM audit_seals")).isZero();
            // The subscriber who asked for it is told, signed (the receiver verifies with the Standard Webhooks
            // library); it asked for nothing else, so no change of an insight was sent to it.
            assertThat(receiver.await(1, Duration.ofSeconds(10))).isTrue();
            Receiver.Delivery told = receiver.deliveries().get(0);
            assertThat(told.type()).isEqualTo("audit.history_broken");
            assertThat(told.body().get("data").get("reason").asText()).contains("the database has no seal");
            assertThat(receiver.badSignatures()).isZero();
            assertThat(receiver.deliveries()).hasSize(1);
        } finally {
            receiver.close();
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anySatisfy(name -> assertThat(name).startsWith("audit-evidence-"));
        }
        // The kept head is the one this node sealed, not anything the database now says.
        assertThat(Files.readString(dataDir.resolve(SealFiles.HEAD_FILE))).contains("size 5\n");
    }

    @Test
    void everyCheckpointThisNodeSigns_goesToTheSubscriptionThatNamesIt_asAWitness() throws Exception {
        String token;
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "w", 3);
        }
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        Receiver receiver = Receiver.start();
        String last;
        try (Main.Server server =
                Main.start(null, dataDir, ServerOptions.plain(loopback).withPrivateWebhookTargets())) {
            HttpResponse<String> subscribed = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/client/v4/vigil/accounts/"
                                    + Insights.ACCOUNT + "/webhooks"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"url\":\"" + receiver.url() + "\",\"kinds\":[\"audit.checkpoint\"]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
            receiver.secret(
                    JSON.readTree(subscribed.body()).get("result").get("secret").asText());
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> answer = http.send(
                        Seeds.classify(
                                server.port(),
                                "w" + i,
                                "{\"classification\":\"other\",\"rationale\":\"r" + i + "\"}",
                                token,
                                Duration.ofSeconds(10)),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (newestSize(receiver) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(newestSize(receiver)).isEqualTo(3);
            assertThat(receiver.badSignatures()).isZero();
            assertThat(receiver.deliveries())
                    .allSatisfy(d -> assertThat(d.type()).isEqualTo("audit.checkpoint"));
            Receiver.Delivery newest = receiver.deliveries().stream()
                    .max(java.util.Comparator.comparingLong(
                            d -> d.body().get("data").get("seal").asLong()))
                    .orElseThrow();
            last = newest.body().get("data").get("text").asText();
            Checkpoint checkpoint = Checkpoint.parse(last);
            VerifyingKey key = new SealFiles(dataDir).localKey().orElseThrow();
            assertThat(checkpoint.signedBy(key)).isTrue();
            assertThat(newest.body().get("data").get("hash").asText())
                    .isEqualTo(java.util.HexFormat.of().formatHex(checkpoint.hash()));
        } finally {
            receiver.close();
        }
        // What the receiver holds is the head this node kept: a witness outside the machine.
        assertThat(Files.readString(dataDir.resolve(SealFiles.HEAD_FILE))).isEqualTo(last);
    }

    private static long newestSize(Receiver receiver) {
        return receiver.deliveries().stream()
                .mapToLong(d -> d.body().get("data").get("size").asLong())
                .max()
                .orElse(0);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void sql(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
                Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    private long count(String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String jdbcUrl() {
        return "jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME);
    }
}
