package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.audit.AuditEntry;
import io.vigil.auth.Permission;
import io.vigil.insight.Classification;
import io.vigil.insight.InsightState;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Vigil's {@code expires_on} on {@code PATCH …/classification}, over HTTP against the real server. */
class ClassificationExpiryApiTest {
    private static final String ACCOUNT_PATH = "/accounts/" + ACCOUNT;
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String edit;

    @BeforeAll
    static void seed() {
        edit = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
    }

    private static String insight() {
        String id = "exp-" + IDS.incrementAndGet();
        server.seed(Insights.inAccount(id, ACCOUNT));
        return id;
    }

    private static String body(String classification, String expiresOn) {
        return "{\"classification\": \"" + classification + "\", \"rationale\": \"why\", \"expires_on\": " + expiresOn
                + "}";
    }

    @Test
    void patchWithExpiry_isShownOnTheInsight_andTheSameAnswerAsWithout() {
        String id = insight();
        Instant expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        Reply reply = server.classify(ACCOUNT_PATH, id, body("accept_risk", "\"" + expires + "\""), edit);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"errors\":[],\"messages\":[],\"success\":true}");
        assertThat(server.insight(ACCOUNT, id).map(InsightState::classificationExpiresOn))
                .contains(expires);
        JsonNode listed = listed(id);
        assertThat(listed.path("user_classification").asText()).isEqualTo("accept_risk");
        assertThat(listed.path("classification_expires_on").asText()).isEqualTo(expires.toString());
    }

    @Test
    void insightWithoutExpiry_hasNoExpiryField() {
        String id = insight();
        server.classify(ACCOUNT_PATH, id, "{\"classification\": \"false_positive\"}", edit);
        assertThat(listed(id).has("classification_expires_on")).isFalse();
    }

    @Test
    void badExpiries_areRefusedWithThePointer_andChangeNothing() {
        String id = insight();
        for (String[] c : List.of(
                new String[] {body("other", "\"next tuesday\""), "1002"},
                new String[] {body("other", "42"), "1002"},
                new String[] {body("other", "\"2026-01-01T00:00:00\""), "1002"}, // no offset
                new String[] {body("other", "\"2020-01-01T00:00:00Z\""), "1015"},
                new String[] {body("other", "\"2999-01-01T00:00:00Z\""), "1015"},
                new String[] {"{\"classification\": null, \"expires_on\": \"2027-01-01T00:00:00Z\"}", "1002"})) {
            Reply reply = server.classify(ACCOUNT_PATH, id, c[0], edit);
            assertThat(reply.status()).as(c[0]).isEqualTo(400);
            JsonNode error = reply.json().path("errors").path(0);
            assertThat(error.path("code").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(error.path("source").path("pointer").asText()).as(c[0]).isEqualTo("/expires_on");
        }
        assertThat(server.auditTrail(id)).isEmpty();
    }

    /**
     * The server was down when the classification expired: the next start resets it, as system, at once (not
     * at its next round, {@code ServerOptions.EXPIRE_EVERY} later).
     */
    @Test
    void expiryPassedWhileTheServerWasDown_isResetAtTheNextStart() throws Exception {
        String id = insight();
        Instant expires = Instant.now().plusMillis(1_000);
        Reply reply = server.classify(ACCOUNT_PATH, id, body("other", "\"" + expires + "\""), edit);
        assertThat(reply.status()).isEqualTo(200);
        server.restartAfter(Duration.between(Instant.now(), expires).plusMillis(200));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.insight(ACCOUNT, id).orElseThrow().classification() != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.insight(ACCOUNT, id).orElseThrow().classification()).isNull();
        assertThat(server.auditTrail(id)).anySatisfy(entry -> {
            assertThat(entry.changedBy()).isEqualTo(AuditEntry.SYSTEM);
            assertThat(entry.previousValue()).isEqualTo(Classification.OTHER.wireName());
            assertThat(entry.currentValue()).isNull();
            assertThat(entry.rationale()).startsWith("classification 'other' expired on ");
        });
    }

    @Test
    void expiringRoute_listsWhatExpiresWithinTheDays_soonestFirst() {
        String soon = insight();
        String later = insight();
        String never = insight();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        server.classify(ACCOUNT_PATH, later, body("other", "\"" + now.plus(Duration.ofDays(20)) + "\""), edit);
        server.classify(ACCOUNT_PATH, soon, body("other", "\"" + now.plus(Duration.ofDays(2)) + "\""), edit);
        server.classify(ACCOUNT_PATH, never, "{\"classification\": \"false_positive\"}", edit);

        List<String> week = expiring("?within_days=7");
        assertThat(week).contains(soon).doesNotContain(later, never);
        List<String> month = expiring("");
        assertThat(month).containsSubsequence(soon, later).doesNotContain(never);

        Reply bad = server.send(
                "GET",
                "/vigil" + ACCOUNT_PATH + "/insights/expiring?within_days=-1",
                null,
                "Authorization",
                "Bearer " + edit);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").path(0).path("code").asInt()).isEqualTo(1010);
    }

    private static List<String> expiring(String query) {
        Reply reply = server.send(
                "GET", "/vigil" + ACCOUNT_PATH + "/insights/expiring" + query, null, "Authorization", "Bearer " + edit);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode issue : reply.json().path("result").path("issues")) {
            assertThat(issue.has("classification_expires_on")).isTrue();
            ids.add(issue.path("id").asText());
        }
        return ids;
    }

    private static JsonNode listed(String id) {
        Reply reply = server.send(
                "GET",
                ACCOUNT_PATH + "/security-center/insights?per_page=1000",
                null,
                "Authorization",
                "Bearer " + edit);
        assertThat(reply.status()).isEqualTo(200);
        for (JsonNode issue : reply.json().path("result").path("issues")) {
            if (issue.path("id").asText().equals(id)) {
                return issue;
            }
        }
        throw new AssertionError("insight " + id + " not listed: " + reply.body());
    }
}
