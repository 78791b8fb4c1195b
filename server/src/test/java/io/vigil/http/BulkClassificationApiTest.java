package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.audit.AuditEntry;
import io.vigil.auth.Permission;
import io.vigil.insight.Classification;
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

/** Vigil's bulk classification over HTTP: all or nothing, previewable, with the single PATCH's rules. */
class BulkClassificationApiTest {
    private static final String BULK = "/vigil/accounts/" + ACCOUNT + "/insights/bulk/classification";
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String edit;

    @BeforeAll
    static void seed() {
        edit = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
    }

    private static List<String> insights(int n) {
        List<Insight> seeded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seeded.add(Insights.inAccount("bulk-" + IDS.incrementAndGet(), ACCOUNT));
        }
        server.seed(seeded);
        return seeded.stream().map(Insight::id).toList();
    }

    private static Reply bulk(String body) {
        return server.send("POST", BULK, body, "Content-Type", "application/json", "Authorization", "Bearer " + edit);
    }

    private static String body(List<String> ids, String change, boolean dryRun) {
        String list = ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        return "{\"ids\": [" + list + "], " + change + ", \"dry_run\": " + dryRun + "}";
    }

    private static Classification classificationOf(String id) {
        return server.insight(ACCOUNT, id).orElseThrow().classification();
    }

    @Test
    void thousandInsights_changeInOneRequest_eachWithItsEntry_sharingTheBulkId() {
        List<String> ids = insights(1_000);
        Reply reply = bulk(body(ids, "\"classification\": \"accept_risk\", \"rationale\": \"sprint 12\"", false));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.json().path("result");
        assertThat(result.path("applied").asBoolean()).isTrue();
        assertThat(result.path("totals").path("change").asInt()).isEqualTo(1_000);
        String bulkId = result.path("bulk_id").asText();
        assertThat(bulkId).hasSize(36);
        assertThat(classificationOf(ids.get(0))).isEqualTo(Classification.ACCEPT_RISK);
        assertThat(classificationOf(ids.get(999))).isEqualTo(Classification.ACCEPT_RISK);
        List<AuditEntry> trail = server.auditTrail(ids.get(500));
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.currentValue()).isEqualTo("accept_risk");
            assertThat(entry.rationale()).isEqualTo("sprint 12");
        });
        Reply view = server.send(
                "GET",
                "/accounts/" + ACCOUNT + "/security-center/insights/" + ids.get(500) + "/audit-log",
                "",
                "Authorization",
                "Bearer " + edit);
        assertThat(view.json().path("result").path(0).path("bulk_id").asText())
                .as("the bulk's id on its entries in the audit-log view")
                .isEqualTo(bulkId);
        server.classify("/accounts/" + ACCOUNT, ids.get(500), "{\"classification\": null}", edit);
        Reply single = server.send(
                "GET",
                "/accounts/" + ACCOUNT + "/security-center/insights/" + ids.get(500) + "/audit-log?direction=desc",
                "",
                "Authorization",
                "Bearer " + edit);
        assertThat(single.json().path("result").path(0).has("bulk_id"))
                .as("a change made alone answers as Cloudflare's")
                .isFalse();
    }

    @Test
    void dryRun_answersWhatWouldHappen_andChangesNothing_andTheRealRunMatches() {
        List<String> ids = insights(3);
        server.classify("/accounts/" + ACCOUNT, ids.get(1), "{\"classification\": \"false_positive\"}", edit);
        String change = "\"classification\": \"false_positive\"";

        Reply preview = bulk(body(ids, change, true));
        assertThat(preview.status()).isEqualTo(200);
        JsonNode result = preview.json().path("result");
        assertThat(result.path("applied").asBoolean()).isFalse();
        assertThat(result.path("bulk_id").isNull()).isTrue();
        assertThat(outcomes(result)).containsExactly("change", "unchanged", "change");
        assertThat(classificationOf(ids.get(0))).isNull();

        Reply real = bulk(body(ids, change, false));
        assertThat(outcomes(real.json().path("result"))).isEqualTo(outcomes(result));
        assertThat(classificationOf(ids.get(0))).isEqualTo(Classification.FALSE_POSITIVE);
    }

    @Test
    void oneRefusalAmongMany_changesNothing_andSaysWhichAndWhy() {
        List<String> ids = new ArrayList<>(insights(50));
        server.classify("/accounts/" + ACCOUNT, ids.get(7), "{\"classification\": \"false_positive\"}", edit);
        String other = "other-" + IDS.incrementAndGet();
        server.seed(Insights.inAccount(other, OTHER_ACCOUNT)); // another tenant's: as if it did not exist
        ids.add(other);
        String change = "\"classification\": \"other\", \"rationale\": \"r\"";

        Reply reply = bulk(body(ids, change, false));
        assertThat(reply.status()).isEqualTo(409);
        JsonNode error = reply.json().path("errors").path(0);
        assertThat(error.path("code").asInt()).isEqualTo(1203);
        assertThat(error.path("message").asText())
                .startsWith("2 of 51 insights would be refused, so nothing changed: ")
                .contains(ids.get(7) + ": classification is 'false_positive'; reset it to null before setting 'other'")
                .contains(other + ": insight '" + other + "' not found");
        assertThat(classificationOf(ids.get(0))).isNull();
        assertThat(server.auditTrail(ids.get(0))).isEmpty();

        JsonNode preview = bulk(body(ids, change, true)).json().path("result");
        assertThat(preview.path("totals").path("refused").asInt()).isEqualTo(2);
        assertThat(preview.path("items").path(7).path("error").path("code").asInt())
                .isEqualTo(1200);
        assertThat(preview.path("items").path(50).path("error").path("code").asInt())
                .isEqualTo(1100);
    }

    @Test
    void badBodies_areRefusedWithThePointer() {
        List<String> ids = insights(1);
        for (String[] c : List.of(
                new String[] {"{\"classification\": null}", "1003", "/ids"}, // neither ids nor filter
                new String[] {"{\"ids\": []}", "1003", "/classification"},
                new String[] {"{\"ids\": [], \"classification\": null}", "1002", "/ids"},
                new String[] {"{\"ids\": \"x\", \"classification\": null}", "1002", "/ids"},
                new String[] {"{\"ids\": [1], \"classification\": null}", "1002", "/ids/0"},
                new String[] {"{\"ids\": [\"a\", \"a\"], \"classification\": null}", "1002", "/ids/1"},
                new String[] {"{\"ids\": [\"a b\"], \"classification\": null}", "1002", "/ids/0"},
                new String[] {"{\"ids\": [\"a\"], \"classification\": null, \"dry_run\": 1}", "1002", "/dry_run"},
                new String[] {"{\"ids\": [\"a\"], \"classification\": \"other\"}", "1004", "/rationale"},
                new String[] {"{\"ids\": [\"a\"], \"classification\": null, \"x\": 1}", "1006", "/x"})) {
            Reply reply = bulk(c[0]);
            assertThat(reply.status()).as(c[0]).isEqualTo(400);
            JsonNode error = reply.json().path("errors").path(0);
            assertThat(error.path("code").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(error.path("source").path("pointer").asText()).as(c[0]).isEqualTo(c[2]);
        }
        assertThat(server.auditTrail(ids.get(0))).isEmpty();
    }

    @Test
    void ifUnchangedSince_refusesTheApply_whenAnInsightChangedAfterThePreview() {
        List<String> ids = insights(3);
        String change = "\"classification\": \"false_positive\"";
        String token = bulk(body(ids, change, true))
                .json()
                .path("result")
                .path("states_token")
                .asText();
        assertThat(token).hasSize(43);
        server.classify("/accounts/" + ACCOUNT, ids.get(2), "{\"classification\": \"false_positive\"}", edit);

        String guarded = body(ids, change + ", \"if_unchanged_since\": \"" + token + "\"", false);
        Reply stale = bulk(guarded);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("errors").path(0).path("code").asInt()).isEqualTo(1204);
        assertThat(classificationOf(ids.get(0))).isNull();

        String fresh = bulk(body(ids, change, true))
                .json()
                .path("result")
                .path("states_token")
                .asText();
        assertThat(fresh).isNotEqualTo(token);
        Reply applied = bulk(body(ids, change + ", \"if_unchanged_since\": \"" + fresh + "\"", false));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(classificationOf(ids.get(0))).isEqualTo(Classification.FALSE_POSITIVE);

        Reply bad = bulk(body(ids, change + ", \"if_unchanged_since\": \"yesterday\"", false));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()
                        .path("errors")
                        .path(0)
                        .path("source")
                        .path("pointer")
                        .asText())
                .isEqualTo("/if_unchanged_since");
    }

    @Test
    void byFilter_changesWhatTheListWouldShow_andRefusesAFilterMatchingTooMany() {
        String subject = "bulk-filter-" + IDS.incrementAndGet() + ".example.com";
        List<Insight> chosen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chosen.add(withSubject(Insights.inAccount("f-" + IDS.incrementAndGet(), ACCOUNT), subject));
        }
        server.seed(chosen);
        String change = "\"classification\": \"false_positive\"";
        String body = "{\"filter\": \"subject=" + subject + "\", " + change + "}";

        Reply reply = bulk(body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("result").path("totals").path("change").asInt())
                .isEqualTo(3);
        for (Insight insight : chosen) {
            assertThat(classificationOf(insight.id())).isEqualTo(Classification.FALSE_POSITIVE);
        }

        insights(1_001); // the account now holds more than a bulk may change
        Reply tooMany = bulk("{\"filter\": \"severity=moderate\", " + change + ", \"dry_run\": true}");
        assertThat(tooMany.status()).isEqualTo(400);
        JsonNode error = tooMany.json().path("errors").path(0);
        assertThat(error.path("source").path("pointer").asText()).isEqualTo("/filter");
        assertThat(error.path("message").asText()).contains("a bulk changes at most 1000");

        Reply bad = bulk("{\"filter\": \"severity=nope\", " + change + "}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()
                        .path("errors")
                        .path(0)
                        .path("source")
                        .path("pointer")
                        .asText())
                .isEqualTo("/filter");
        Reply both = bulk("{\"ids\": [\"a\"], \"filter\": \"severity=low\", " + change + "}");
        assertThat(both.status()).isEqualTo(400);
    }

    private static Insight withSubject(Insight i, String subject) {
        return i.toBuilder().subject(subject).classificationExpiresOn(null).build();
    }

    private static List<String> outcomes(JsonNode result) {
        List<String> outcomes = new ArrayList<>();
        for (JsonNode item : result.path("items")) {
            outcomes.add(item.path("outcome").asText());
        }
        return outcomes;
    }
}
