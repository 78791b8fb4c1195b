package io.vigil.webhook;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.Main;
import io.vigil.cli.ServerOptions;
import io.vigil.store.Database;
import io.vigil.testing.Postgres;
import io.vigil.testing.Seeds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database, both delivering, changes made through both: each change reaches each
 * subscription exactly once, each insight's in the log's order (the lease gives one node each subscription at a
 * time).
 */
class WebhookClusterTest {
    private static final int INSIGHTS = 20;
    private static final int CHANGES = 120;

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void twoNodes_deliverEachEntryOncePerSubscription() throws Exception {
        assumeTrue("postgres".equals(System.getProperty("vigil.test.database")), "several nodes need PostgreSQL");
        String databaseUrl = Postgres.freshDatabaseUrl();
        String token;
        try (Database database = Database.open(databaseUrl, first)) {
            token = Seeds.insightsAndEditToken(database, "n", INSIGHTS);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        for (Path dir : List.of(first, second)) { // the key file is copied to every node (docs/deploy.md)
            Files.writeString(
                    dir.resolve(SecretBox.KEY_FILE), Base64.getEncoder().encodeToString(key));
        }
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withPrivateWebhookTargets();
        HttpClient http = HttpClient.newHttpClient();
        try (Receiver a = Receiver.start();
                Receiver b = Receiver.start();
                Main.Server one = Main.start(databaseUrl, first, options);
                Main.Server two = Main.start(databaseUrl, second, options)) {
            try (var backend = Main.ASSEMBLY.open(databaseUrl, first)) {
                Webhooks webhooks = backend.webhooks(new Targets(true, Targets.systemResolver()));
                a.secret(webhooks.add(ACCOUNT, new SubscriptionRequest(a.url(), Set.of(), Set.of(), Set.of()), "test")
                        .secret());
                b.secret(webhooks.add(ACCOUNT, new SubscriptionRequest(b.url(), Set.of(), Set.of(), Set.of()), "test")
                        .secret());
            }
            for (int i = 0; i < CHANGES; i++) {
                int port = i % 2 == 0 ? one.port() : two.port();
                String body = (i / INSIGHTS) % 2 == 0
                        ? "{\"classification\":\"false_positive\"}"
                        : "{\"classification\":null}";
                HttpResponse<String> answer = http.send(
                        Seeds.classify(port, "n" + (i % INSIGHTS), body, token, Duration.ofSeconds(10)),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
            for (Receiver r : List.of(a, b)) {
                assertThat(r.await(CHANGES, Duration.ofSeconds(60))).isTrue();
            }
            Thread.sleep(1_500); // anything sent twice would arrive by now
            for (Receiver r : List.of(a, b)) {
                List<Receiver.Delivery> got = r.deliveries();
                Set<String> distinct =
                        got.stream().map(Receiver.Delivery::id).collect(Collectors.toCollection(HashSet::new));
                assertThat(got).as("no duplicates").hasSize(CHANGES);
                assertThat(distinct).hasSize(CHANGES);
                for (int i = 0; i < INSIGHTS; i++) { // each insight's changes in the log's order
                    String insight = "n" + i;
                    assertThat(got.stream()
                                    .filter(d -> d.issueId().equals(insight))
                                    .toList())
                            .extracting(Receiver.Delivery::position)
                            .isSorted();
                }
                assertThat(r.badSignatures()).isZero();
            }
        }
    }

    @Test
    void aNodeWithoutTheKey_makesNone_andDeliversOnceTheFileIsCopied_withoutARestart() throws Exception {
        assumeTrue("postgres".equals(System.getProperty("vigil.test.database")), "several nodes need PostgreSQL");
        String databaseUrl = Postgres.freshDatabaseUrl();
        String token;
        try (Database database = Database.open(databaseUrl, first)) {
            token = Seeds.insightsAndEditToken(database, "k", 5);
        }
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withPrivateWebhookTargets();
        HttpClient http = HttpClient.newHttpClient();
        try (Receiver receiver = Receiver.start();
                Main.Server two = Main.start(databaseUrl, second, options)) {
            try (Main.Server one = Main.start(databaseUrl, first, options)) { // node 1 makes the key
                HttpResponse<String> subscribed = http.send(
                        Seeds.subscribe(one.port(), receiver.url(), token), HttpResponse.BodyHandlers.ofString());
                assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
                receiver.secret(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(subscribed.body())
                        .get("result")
                        .get("secret")
                        .asText());
                Thread.sleep(1_000); // node 2 has seen the subscription in a few rounds
            } // node 1 stops and gives up its leases
            assertThat(second.resolve(SecretBox.KEY_FILE))
                    .as("node 2 never makes a key of its own")
                    .doesNotExist();
            HttpResponse<String> refused =
                    http.send(Seeds.subscribe(two.port(), receiver.url(), token), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("x-should-retry")).isEmpty();
            assertThat(refused.body())
                    .contains("\"code\":1503")
                    .contains("this node does not hold the webhook secrets key ")
                    .contains("; send the request to another node, or copy webhook-secrets.key to this one;"
                            + " nothing was changed");
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> answer = http.send(
                        Seeds.classify(
                                two.port(),
                                "k" + i,
                                "{\"classification\":\"false_positive\"}",
                                token,
                                Duration.ofSeconds(10)),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
            Thread.sleep(1_000);
            assertThat(receiver.deliveries())
                    .as("node 2 cannot open the secret yet")
                    .isEmpty();

            Files.copy(first.resolve(SecretBox.KEY_FILE), second.resolve(SecretBox.KEY_FILE)); // docs/deploy.md
            assertThat(receiver.await(5, Duration.ofSeconds(10)))
                    .as("node 2 reads the key without a restart and takes the released lease")
                    .isTrue();
            assertThat(receiver.badSignatures()).isZero();
        }
    }

    @Test
    void aDataDirectoryCopiedFromARunningNode_isRefused_andStartsOnceTheOtherStops() throws Exception {
        assumeTrue("postgres".equals(System.getProperty("vigil.test.database")), "several nodes need PostgreSQL");
        String databaseUrl = Postgres.freshDatabaseUrl();
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (Main.Server one = Main.start(databaseUrl, first, options)) {
            assertThat(one.port()).isPositive();
            Files.copy(first.resolve(NodeId.FILE), second.resolve(NodeId.FILE)); // a cloned data directory
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Main.start(databaseUrl, second, options))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                            "is held by another running node: this data directory was copied from" + " that node's")
                    .hasMessageContaining("delete its node-id");
        }
        try (Main.Server two = Main.start(databaseUrl, second, options)) { // the holder gave the id up
            assertThat(two.port()).isPositive();
        }
        Files.delete(second.resolve(NodeId.FILE)); // or, as the message says, the copy makes its own
        try (Main.Server one = Main.start(databaseUrl, first, options);
                Main.Server two = Main.start(databaseUrl, second, options)) {
            assertThat(two.port()).isNotEqualTo(one.port());
            assertThat(Files.readString(second.resolve(NodeId.FILE)))
                    .isNotEqualTo(Files.readString(first.resolve(NodeId.FILE)));
        }
    }
}
