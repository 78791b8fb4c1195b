package io.vigil.client;

import static io.vigil.client.ScriptedServer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.client.ScriptedServer.Break;
import io.vigil.client.ScriptedServer.Reply;
import io.vigil.client.ScriptedServer.Stall;
import io.vigil.client.vigil.BulkClassification;
import io.vigil.client.vigil.BulkSelection;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * Retries as Cloudflare's SDKs make them, against a real HTTP server that answers from a script: which answers are
 * retried, how long the client waits, and that a request which is not safe to repeat is sent once.
 */
class RetryTest {
    private static final String ACCOUNT = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";

    @Test
    void status429_withRetryAfterSeconds_waitsAsAsked_thenSucceeds() {
        try (ScriptedServer server = new ScriptedServer(error(429, 971, "Rate limit exceeded", "Retry-After", "1"));
                InsightsClient client = server.client(2)) {
            client.account(ACCOUNT).insights().dismiss("i1", true);

            assertThat(server.attempts()).hasSize(2);
            assertThat(server.gapMillis(0)).isBetween(950L, 1_900L);
        }
    }

    @Test
    void retryAfterMs_isPreferredToRetryAfter() {
        try (ScriptedServer server =
                        new ScriptedServer(error(429, 971, "slow down", "retry-after-ms", "200", "Retry-After", "30"));
                InsightsClient client = server.client(2)) {
            client.account(ACCOUNT).insights().context("i1");

            assertThat(server.attempts()).hasSize(2);
            assertThat(server.gapMillis(0)).isBetween(180L, 900L);
        }
    }

    @Test
    void retryAfterAsAnHttpDate_isHonoured() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        try (ScriptedServer server = new ScriptedServer(
                        error(503, 1501, "the database is unavailable", "Retry-After", inTwoSeconds));
                InsightsClient client = server.client(2)) {
            client.account(ACCOUNT).insights().context("i1");

            assertThat(server.attempts()).hasSize(2);
            assertThat(server.gapMillis(0)).isBetween(900L, 2_600L);
        }
    }

    @Test
    void retryAfterOfAMinuteOrMore_isNotWaited_theBackoffIs() {
        try (ScriptedServer server = new ScriptedServer(error(429, 971, "Rate limit exceeded", "Retry-After", "120"));
                InsightsClient client = server.client(2)) {
            client.account(ACCOUNT).insights().context("i1");

            assertThat(server.attempts()).hasSize(2);
            assertThat(server.gapMillis(0)).isBetween(370L, 900L);
        }
    }

    @Test
    void status503_isRetriedTwiceWithExponentialBackoff_thenThrowsTheLastAnswer() {
        try (ScriptedServer server = new ScriptedServer(
                        error(503, 1501, "busy"), error(503, 1501, "busy"), error(503, 1502, "queue full"));
                InsightsClient client = server.client(2)) {
            assertThatThrownBy(() -> client.account(ACCOUNT).insights().context("i1"))
                    .isInstanceOfSatisfying(
                            InternalServerException.class,
                            e -> assertThat(e.code()).isEqualTo(1502));

            assertThat(server.attempts()).hasSize(3);
            assertThat(server.gapMillis(0)).isBetween(370L, 900L); // 0.5 s less up to a quarter
            assertThat(server.gapMillis(1)).isBetween(740L, 1_400L); // 1 s less up to a quarter
        }
    }

    @Test
    void xShouldRetryFalse_stopsAtOnce() {
        try (ScriptedServer server = new ScriptedServer(error(503, 1503, "another node", "x-should-retry", "false"));
                InsightsClient client = server.client(2)) {
            assertThatThrownBy(() -> client.account(ACCOUNT).insights().context("i1"))
                    .isInstanceOf(InternalServerException.class);

            assertThat(server.attempts()).hasSize(1);
        }
    }

    @Test
    void xShouldRetryTrue_retriesEvenA400() {
        try (ScriptedServer server = new ScriptedServer(error(400, 1010, "try again", "x-should-retry", "true"));
                InsightsClient client = server.client(2)) {
            client.account(ACCOUNT).insights().context("i1");

            assertThat(server.attempts()).hasSize(2);
        }
    }

    @Test
    void status409_isRetried_unlessMarkedFinal() {
        try (ScriptedServer server = new ScriptedServer(
                        error(409, 1201, "changed 4 times; retry"),
                        error(409, 1200, "reset it first", "x-should-retry", "false"));
                InsightsClient client = server.client(2)) {
            assertThatThrownBy(() -> client.account(ACCOUNT).insights().classify("i1", Classification.OTHER, "why"))
                    .isInstanceOfSatisfying(
                            ConflictException.class, e -> assertThat(e.code()).isEqualTo(1200));

            assertThat(server.attempts())
                    .extracting(ScriptedServer.Attempt::method)
                    .containsExactly("PATCH", "PATCH");
        }
    }

    @Test
    void brokenConnection_isRetried_forARequestSafeToRepeat() {
        try (ScriptedServer server = new ScriptedServer(new Break());
                InsightsClient client = server.client(2)) {
            client.zone(ACCOUNT).insights().dismiss("i1", false);

            assertThat(server.attempts())
                    .extracting(ScriptedServer.Attempt::method)
                    .containsExactly("PUT", "PUT");
        }
    }

    @Test
    void timeout_isRetried_thenThrowsApiTimeoutException() {
        try (ScriptedServer server = new ScriptedServer(new Stall(1_500), new Stall(1_500));
                InsightsClient client = server.client(1)) {
            assertThatThrownBy(() -> client.account(ACCOUNT).insights().context("i1"))
                    .isInstanceOf(ApiTimeoutException.class)
                    .hasMessageContaining("no answer within PT0.5S");

            assertThat(server.attempts()).hasSize(2);
        }
    }

    @Test
    void maxRetriesZero_sendsOnce() {
        try (ScriptedServer server = new ScriptedServer(error(503, 1501, "busy"));
                InsightsClient client = server.client(0)) {
            assertThatThrownBy(() -> client.account(ACCOUNT).insights().context("i1"))
                    .isInstanceOf(InternalServerException.class);

            assertThat(server.attempts()).hasSize(1);
        }
    }

    @Test
    void scanStart_isNeverRetried_whateverTheAnswer() {
        try (ScriptedServer server = new ScriptedServer(
                        error(503, 1501, "busy"),
                        new Break(),
                        error(429, 971, "scan quota spent", "Retry-After", "1"),
                        new Stall(1_500));
                InsightsClient client = server.client(2)) {
            Scans scans = client.account(ACCOUNT).scans();

            assertThatThrownBy(scans::start).isInstanceOf(InternalServerException.class);
            assertThatThrownBy(scans::start).isInstanceOf(ApiConnectionException.class);
            assertThatThrownBy(scans::start)
                    .isInstanceOfSatisfying(
                            RateLimitedException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)));
            assertThatThrownBy(scans::start).isInstanceOf(ApiTimeoutException.class);

            assertThat(server.attempts())
                    .hasSize(4)
                    .extracting(ScriptedServer.Attempt::method)
                    .containsOnly("POST");
        }
    }

    @Test
    void bulk_isRetriedAsADryRunOnly() {
        String outcome = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"bulk_id\":null,"
                + "\"applied\":false,\"totals\":{\"change\":1,\"unchanged\":0,\"refused\":0},"
                + "\"items\":[{\"id\":\"i1\",\"outcome\":\"change\"}],\"states_token\":\"t\"}}";
        try (ScriptedServer server = new ScriptedServer(
                        error(503, 1501, "busy"), new Reply(200, outcome), error(503, 1501, "busy"));
                InsightsClient client = server.client(2)) {
            BulkClassification change =
                    BulkClassification.set(BulkSelection.ids("i1"), Classification.FALSE_POSITIVE, null);

            assertThat(client.vigil()
                            .account(ACCOUNT)
                            .bulk()
                            .classify(change.preview())
                            .totals()
                            .change())
                    .isEqualTo(1);
            assertThat(server.attempts()).hasSize(2);

            assertThatThrownBy(() -> client.vigil().account(ACCOUNT).bulk().classify(change))
                    .isInstanceOf(InternalServerException.class);
            assertThat(server.attempts()).hasSize(3);
        }
    }

    @Test
    void webhookChanges_areRetriedOnlyWhenIdempotent() {
        String subscription = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"w1\","
                + "\"url\":\"https://h.example\",\"zones\":[],\"kinds\":[],\"severities\":[],\"state\":\"paused\","
                + "\"position\":0,\"delivered\":0,\"failures\":0,\"created_on\":\"2026-12-01T00:00:00Z\","
                + "\"created_by\":\"t\"}}";
        try (ScriptedServer server = new ScriptedServer(
                        error(503, 1501, "busy"),
                        new Reply(200, subscription),
                        error(503, 1501, "busy"),
                        error(503, 1501, "busy"),
                        error(503, 1501, "busy"));
                InsightsClient client = server.client(2)) {
            var webhooks = client.vigil().account(ACCOUNT).webhooks();

            assertThat(webhooks.pause("w1").state()).isEqualTo(io.vigil.client.vigil.WebhookSubscription.State.PAUSED);
            assertThatThrownBy(() -> webhooks.delete("w1")).isInstanceOf(InternalServerException.class);
            assertThatThrownBy(() -> webhooks.rotateSecret("w1")).isInstanceOf(InternalServerException.class);
            assertThatThrownBy(() -> webhooks.create(io.vigil.client.vigil.WebhookRequest.to("https://h.example")))
                    .isInstanceOf(InternalServerException.class);

            assertThat(server.attempts())
                    .extracting(ScriptedServer.Attempt::method)
                    .containsExactly("PATCH", "PATCH", "DELETE", "POST", "POST");
        }
    }
}
