package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.auth.Permission;
import io.vigil.insight.Insight;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Vigil's bulk dismiss and restore over HTTP: all or nothing, previewable, as {@code PUT …/dismiss} one at a time. */
class BulkDismissalApiTest {
    private static final String BULK = "/vigil/accounts/" + ACCOUNT + "/insights/bulk/dismiss";
    private static final String LIST = "/accounts/" + ACCOUNT + "/security-center/insights";
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String edit;
    static String read;

    @BeforeAll
    static void seed() {
        edit = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        read = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
    }

    /** {@code n} insights sharing one subject, so the list can be asked for exactly them. */
    private static List<String> insights(String subject, int n) {
        List<Insight> seeded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seeded.add(withSubject(Insights.inAccount("dismiss-" + IDS.incrementAndGet(), ACCOUNT), subject));
        }
        server.seed(seeded);
        return seeded.stream().map(Insight::id).toList();
    }

    private static Reply bulk(String body, String token) {
        return server.send("POST", BULK, body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    private static String body(List<String> ids, String rest) {
        String list = ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        return "{\"ids\": [" + list + "]" + rest + "}";
    }

    /** The ids the list shows for {@code subject}: the undismissed ones, or the dismissed ones. */
    private static List<String> listed(String subject, boolean dismissed) {
        Reply reply = server.send(
                "GET",
                LIST + "?per_page=1000&subject=" + subject + "&dismissed=" + dismissed,
                "",
                "Authorization",
                "Bearer " + read);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode issue : reply.json().path("result").path("issues")) {
            ids.add(issue.path("id").asText());
        }
        return ids;
    }

    @Test
    void dismissesAndRestoresMany_inOneRequest_eachWithItsEntry() {
        String subject = "bulk-dismiss-" + IDS.incrementAndGet() + ".example.com";
        List<String> ids = insights(subject, 300);

        Reply dismissed = bulk(body(ids, ", \"dismiss\": true"), edit);
        assertThat(dismissed.status()).as(dismissed.body()).isEqualTo(200);
        JsonNode result = dismissed.json().path("result");
        assertThat(result.path("applied").asBoolean()).isTrue();
        assertThat(result.path("totals").path("change").asInt()).isEqualTo(300);
        assertThat(result.path("bulk_id").asText()).hasSize(36);
        assertThat(listed(subject, false)).isEmpty();
        assertThat(listed(subject, true)).containsExactlyInAnyOrderElementsOf(ids);
        String bulkId = result.path("bulk_id").asText();
        assertThat(server.changeLog(ids.get(7))).containsExactly("dismissed=true@" + bulkId);
        assertThat(server.auditTrail(ids.get(7))).isEmpty(); // Cloudflare's view shows no dismissals

        Reply again = bulk(body(ids, ""), edit); // dismiss defaults to true, as on PUT …/dismiss
        assertThat(again.json().path("result").path("totals").path("unchanged").asInt())
                .isEqualTo(300);
        assertThat(again.json().path("result").path("bulk_id").isNull()).isTrue();

        Reply restored = bulk(body(ids.subList(0, 100), ", \"dismiss\": false"), edit);
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(listed(subject, false)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 100));
        assertThat(server.changeLog(ids.get(7))).hasSize(2).last().asString().startsWith("dismissed=false@");
    }

    @Test
    void oneInsightOutsideTheAccount_changesNothing_andTheDryRunSaysWhich() {
        String subject = "bulk-dismiss-" + IDS.incrementAndGet() + ".example.com";
        List<String> ids = new ArrayList<>(insights(subject, 5));
        Insight foreign = Insights.inAccount("dismiss-foreign-" + IDS.incrementAndGet(), OTHER_ACCOUNT);
        server.seed(foreign);
        ids.add(foreign.id());

        Reply refused = bulk(body(ids, ", \"dismiss\": true"), edit);
        assertThat(refused.status()).isEqualTo(409);
        JsonNode error = refused.json().path("errors").path(0);
        assertThat(error.path("code").asInt()).isEqualTo(1203);
        assertThat(error.path("message").asText()).contains(foreign.id()).contains("not found");
        assertThat(listed(subject, false)).hasSize(5);

        Reply preview = bulk(body(ids, ", \"dismiss\": true, \"dry_run\": true"), edit);
        assertThat(preview.status()).isEqualTo(200);
        JsonNode result = preview.json().path("result");
        assertThat(result.path("applied").asBoolean()).isFalse();
        assertThat(result.path("totals").path("change").asInt()).isEqualTo(5);
        assertThat(result.path("totals").path("refused").asInt()).isEqualTo(1);
        assertThat(result.path("items").path(5).path("error").path("code").asInt())
                .isEqualTo(1100);
        assertThat(listed(subject, false)).hasSize(5);
    }

    @Test
    void ifUnchangedSince_refusesTheApply_whenOneWasDismissedAfterThePreview() {
        String subject = "bulk-dismiss-" + IDS.incrementAndGet() + ".example.com";
        List<String> ids = insights(subject, 4);
        String token = bulk(body(ids, ", \"dry_run\": true"), edit)
                .json()
                .path("result")
                .path("states_token")
                .asText();
        Reply single = server.send(
                "PUT",
                LIST + "/" + ids.get(1) + "/dismiss",
                "{\"dismiss\": true}",
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + edit);
        assertThat(single.status()).as(single.body()).isEqualTo(200);

        Reply stale = bulk(body(ids, ", \"if_unchanged_since\": \"" + token + "\""), edit);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("errors").path(0).path("code").asInt()).isEqualTo(1204);
        assertThat(listed(subject, false)).hasSize(3);
    }

    @Test
    void byFilter_dismissesWhatTheListShows() {
        String subject = "bulk-dismiss-" + IDS.incrementAndGet() + ".example.com";
        List<String> ids = insights(subject, 12);
        Reply reply = bulk("{\"filter\": \"subject=" + subject + "\"}", edit);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("result").path("totals").path("change").asInt())
                .isEqualTo(12);
        assertThat(listed(subject, true)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void refusesBadInput_andReadTokens_changingNothing() {
        String subject = "bulk-dismiss-" + IDS.incrementAndGet() + ".example.com";
        List<String> ids = insights(subject, 2);

        Reply readOnly = bulk(body(ids, ""), read);
        assertThat(readOnly.status()).isEqualTo(403);
        Reply notBoolean = bulk(body(ids, ", \"dismiss\": \"yes\""), edit);
        assertThat(notBoolean.status()).isEqualTo(400);
        assertThat(pointer(notBoolean)).isEqualTo("/dismiss");
        Reply classification = bulk(body(ids, ", \"classification\": \"other\""), edit);
        assertThat(classification.status()).isEqualTo(400);
        assertThat(classification.json().path("errors").path(0).path("code").asInt())
                .isEqualTo(1006);
        Reply none = bulk("{\"dismiss\": true}", edit);
        assertThat(none.status()).isEqualTo(400);
        assertThat(pointer(none)).isEqualTo("/ids");
        assertThat(listed(subject, false)).hasSize(2);
    }

    private static String pointer(Reply reply) {
        return reply.json()
                .path("errors")
                .path(0)
                .path("source")
                .path("pointer")
                .asText();
    }

    private static Insight withSubject(Insight i, String subject) {
        return i.toBuilder().subject(subject).classificationExpiresOn(null).build();
    }
}
