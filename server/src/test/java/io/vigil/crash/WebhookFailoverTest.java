package io.vigil.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Main;
import io.vigil.cli.ServerOptions;
import io.vigil.seal.SealFiles;
import io.vigil.store.Database;
import io.vigil.testing.Postgres;
import io.vigil.testing.Seeds;
import io.vigil.webhook.Receiver;
import io.vigil.webhook.SecretBox;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deploy.md's failover, as an operator meets it: two nodes on PostgreSQL, a subscription made through node 1,
 * node 1 SIGKILLed while it holds the subscription's lease, node 2 started before the key files reached it and
 * given them while it runs. Node 2 delivers within the lease and a round, without a restart.
 */
class WebhookFailoverTest {
    /** Deliverer.LEASE, plus a round and a margin for a busy machine. */
    private static final Duration WITHIN = Duration.ofSeconds(60 + 10);

    @TempDir
    Path first;

    @TempDir
    Path second;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void nodeOneKilled_nodeTwoGivenTheKeysWhileRunning_deliversWithinTheLease() throws Exception {
        String databaseUrl = Postgres.freshDatabaseUrl();
        String token;
        try (Database database = Database.open(databaseUrl, first)) {
            token = Seeds.insightsAndEditToken(database, "f", 3);
        }
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withPrivateWebhookTargets();
        try (Receiver receiver = Receiver.start()) {
            Process one = ServeProcess.start(
                    "--allow-private-webhook-targets", "--database-url", databaseUrl, "--data-dir", first.toString());
            try {
                int portOne = ServeProcess.port(one);
                HttpResponse<String> subscribed = http.send(
                        Seeds.subscribe(portOne, receiver.url(), token), HttpResponse.BodyHandlers.ofString());
                assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
                receiver.secret(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(subscribed.body())
                        .get("result")
                        .get("secret")
                        .asText());
                classify(portOne, "f0", token);
                assertThat(receiver.await(1, Duration.ofSeconds(20)))
                        .as("node 1 delivers, and so holds the lease")
                        .isTrue();

                try (Main.Server two = Main.start(databaseUrl, second, options)) {
                    one.destroyForcibly(); // SIGKILL: its lease is not given up
                    one.waitFor(10, TimeUnit.SECONDS);
                    long killed = System.nanoTime();
                    classify(two.port(), "f1", token);
                    Thread.sleep(1_000);
                    assertThat(receiver.deliveries())
                            .as("node 2 has no key yet")
                            .hasSize(1);

                    // the operator copies the key files, as docs/deploy.md says; node 2 is not restarted
                    for (String file : new String[] {SecretBox.KEY_FILE, SealFiles.KEY_FILE}) {
                        Files.copy(first.resolve(file), second.resolve(file));
                    }
                    assertThat(receiver.await(2, WITHIN)).as("node 2 delivers").isTrue();
                    Duration took = Duration.ofNanos(System.nanoTime() - killed);
                    assertThat(took).isLessThan(WITHIN);
                    assertThat(receiver.badSignatures()).isZero();
                    assertThat(receiver.deliveries())
                            .extracting(Receiver.Delivery::issueId)
                            .containsExactly("f0", "f1");
                }
            } finally {
                one.destroyForcibly();
            }
        }
    }

    private void classify(int port, String insight, String token) throws Exception {
        HttpResponse<String> answer = http.send(
                Seeds.classify(port, insight, "{\"classification\":\"false_positive\"}", token, Duration.ofSeconds(10)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
