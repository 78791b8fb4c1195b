package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.auth.Permission;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account, zone and per-insight audit logs: cursor paging, filters, forged cursors, scoping. */
class AuditLogApiTest {
    static final String ACCOUNT_INSIGHTS = "/accounts/" + ACCOUNT + "/security-center/insights";
    static final String ZONE_INSIGHTS = "/zones/" + ZONE + "/security-center/insights";
    static final int INSIGHTS = 12;
    static final String EDITOR_NAME = "triage bot";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String edit;
    static Instant started;
    /** After the setup's entries: tests that add entries do so later, so {@code before=} pins the set. */
    static String setupDone = "";

    @BeforeAll
    static void seed() {
        edit = server.token(EDITOR_NAME, Permission.EDIT, Set.of(ACCOUNT), Set.of());
        started = Instant.now();
        List<Insight> insights = new ArrayList<>();
        for (int i = 0; i < INSIGHTS; i++) {
            insights.add(
                    i % 2 == 0 ? Insights.inAccount("al-" + i, ACCOUNT) : Insights.inZone("al-" + i, ACCOUNT, ZONE));
        }
        server.seed(insights);
        for (int i = 0; i < INSIGHTS; i++) { // two entries each: set and reset
            assertThat(server.classify(
                            "/accounts/" + ACCOUNT, "al-" + i, "{\"classification\":\"false_positive\"}", edit))
                    .succeedsWithSeedEnvelope();
            assertThat(server.classify(
                            "/accounts/" + ACCOUNT,
                            "al-" + i,
                            "{\"classification\":null,\"rationale\":\"r" + i + "\"}",
                            edit))
                    .succeedsWithSeedEnvelope();
        }
        Insight resolved = Insights.inAccount("al-0", ACCOUNT);
        server.seed(resolved.toBuilder()
                .zoneId(null)
                .status(InsightStatus.RESOLVED)
                .dismissed(false)
                .contextJson(null)
                .userClassification(null)
                .classificationExpiresOn(null)
                .build());
        setupDone = Instant.now().plusMillis(1).toString();
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Reply get(String path) {
        return server.send("GET", path, null, "Authorization", "Bearer " + edit);
    }

    /** Follows result_info.cursor from {@code path} to the end; returns the ids in the order served. */
    static List<String> walk(String path) {
        List<String> ids = new ArrayList<>();
        String url = path;
        for (int guard = 0; guard < 100; guard++) {
            Reply reply = get(url);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            reply.json().path("result").forEach(e -> ids.add(e.path("id").asText()));
            JsonNode cursor = reply.json().path("result_info").path("cursor");
            if (cursor.isMissingNode()) {
                return ids;
            }
            url = path + (path.contains("?") ? "&" : "?") + "cursor=" + cursor.asText();
        }
        throw new AssertionError("more than 100 pages");
    }

    @Test
    void accountLog_walkedDescAndAsc_returnsEveryEntryOnceInIdOrder() {
        List<String> desc = walk(ACCOUNT_INSIGHTS + "/audit-log?per_page=5&before=" + setupDone);
        List<String> asc = walk(ACCOUNT_INSIGHTS + "/audit-log?per_page=5&order=asc&before=" + setupDone);
        assertThat(desc)
                .hasSize(INSIGHTS * 2 + 1)
                .doesNotHaveDuplicates()
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(asc).isSorted().containsExactlyInAnyOrderElementsOf(desc);
    }

    @Test
    void accountLog_entriesInsertedWhileWalking_neverRepeatAnEntry() {
        List<String> before = walk(ACCOUNT_INSIGHTS + "/audit-log?per_page=1000");
        server.seed(Insights.inAccount("al-live", ACCOUNT));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 10; i++) {
                server.classify(
                        "/accounts/" + ACCOUNT, "al-live", "{\"classification\":\"other\",\"rationale\":\"x\"}", edit);
                server.classify("/accounts/" + ACCOUNT, "al-live", "{\"classification\":null}", edit);
            }
        });
        List<String> walked = walk(ACCOUNT_INSIGHTS + "/audit-log?per_page=3&order=asc");
        writer.join();
        assertThat(walked).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    void accountLog_entry_hasTheApiShape() {
        JsonNode entries = get(ACCOUNT_INSIGHTS
                        + "/audit-log?per_page=1000&order=asc&field_changed=user_classification")
                .json()
                .path("result");
        JsonNode first = entries.get(0);
        assertThat(first.path("id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(first.path("issue_id").asText()).isEqualTo("al-0");
        assertThat(first.path("field_changed").asText()).isEqualTo("user_classification");
        assertThat(first.path("previous_value").isNull()).isTrue();
        assertThat(first.path("current_value").asText()).isEqualTo("false_positive");
        assertThat(first.path("rationale").isNull()).isTrue();
        assertThat(first.path("changed_by").asText()).startsWith("token:");
        assertThat(first.path("changed_by_name").asText()).isEqualTo(EDITOR_NAME);
        assertThat(Instant.parse(first.path("changed_at").asText())).isAfterOrEqualTo(started.minusSeconds(1));
        assertThat(first.has("zone_id")).isFalse();
        assertThat(entries.get(2).path("zone_id").isIntegralNumber()).isTrue();
        assertThat(entries.get(2).path("zone_id").asLong()).isEqualTo(server.zoneNumber(ZONE));
    }

    @Test
    void accountLog_filters_changedByFieldAndTime() {
        List<String> system = walk(ACCOUNT_INSIGHTS + "/audit-log?changed_by=system");
        assertThat(system).hasSize(1);
        JsonNode status = get(ACCOUNT_INSIGHTS + "/audit-log?field_changed=status")
                .json()
                .path("result")
                .get(0);
        assertThat(status.path("previous_value").asText()).isEqualTo("active");
        assertThat(status.path("current_value").asText()).isEqualTo("resolved");
        assertThat(status.path("changed_by").asText()).isEqualTo("system");
        assertThat(walk(ACCOUNT_INSIGHTS + "/audit-log?before=2000-01-01T00:00:00Z"))
                .isEmpty();
        assertThat(walk(ACCOUNT_INSIGHTS + "/audit-log?since=2000-01-01T00:00:00%2B02:00"))
                .isNotEmpty();
        assertThat(walk(ACCOUNT_INSIGHTS + "/audit-log?since=2999-01-01T00:00:00Z"))
                .isEmpty();
    }

    /** Regression: an entry's id was stamped a millisecond before its changed_at, so since= could miss it. */
    @Test
    void accountLog_sinceAnEntrysOwnTime_includesIt() {
        for (JsonNode entry :
                get(ACCOUNT_INSIGHTS + "/audit-log?per_page=1000").json().path("result")) {
            String id = entry.path("id").asText();
            List<String> since = walk(ACCOUNT_INSIGHTS + "/audit-log?per_page=1000&since="
                    + entry.path("changed_at").asText());
            assertThat(since).as("since its own changed_at").contains(id);
        }
    }

    @Test
    void entries_name_theirActorInWordsAPersonKnows() {
        String user = server.user("ana@example.com", Set.of(ACCOUNT));
        String temporary = server.token("one-off script", Permission.EDIT, Set.of(ACCOUNT), Set.of());
        server.seed(Insights.inAccount("al-names", ACCOUNT));
        String path = "/accounts/" + ACCOUNT + "/security-center/insights/al-names/classification";
        assertThat(server.send(
                        "PATCH",
                        path,
                        "{\"classification\":\"false_positive\"}",
                        "X-Auth-Email",
                        "ana@example.com",
                        "X-Auth-Key",
                        user,
                        "Content-Type",
                        "application/json"))
                .succeedsWithSeedEnvelope();
        assertThat(server.classify("/accounts/" + ACCOUNT, "al-names", "{\"classification\":null}", temporary))
                .succeedsWithSeedEnvelope();
        server.revoke(temporary);

        JsonNode entries =
                get(ACCOUNT_INSIGHTS + "/al-names/audit-log?order=asc").json().path("result");
        assertThat(entries.get(0).path("changed_by").asText()).isEqualTo("ana@example.com");
        assertThat(entries.get(0).path("changed_by_name").asText()).isEqualTo("ana@example.com");
        assertThat(entries.get(1).path("changed_by").asText()).startsWith("token:");
        assertThat(entries.get(1).path("changed_by_name").asText())
                .as("a deleted token keeps its name")
                .isEqualTo("one-off script");
        JsonNode system = get(ACCOUNT_INSIGHTS + "/audit-log?changed_by=system")
                .json()
                .path("result")
                .get(0);
        assertThat(system.path("changed_by_name").asText()).isEqualTo("system");
    }

    @Test
    void zoneLog_containsOnlyThatZonesEntries() {
        List<String> zone = walk(ZONE_INSIGHTS + "/audit-log?per_page=4&before=" + setupDone);
        assertThat(zone).hasSize(INSIGHTS); // the odd insights: two entries each
        get(ZONE_INSIGHTS + "/audit-log?per_page=1000")
                .json()
                .path("result")
                .forEach(e -> assertThat(e.path("zone_id").asLong()).isEqualTo(server.zoneNumber(ZONE)));
    }

    @Test
    void insightLog_containsOnlyThatInsight_andOutsideTheScopeIsNotFound() {
        List<String> one = walk(ACCOUNT_INSIGHTS + "/al-3/audit-log?per_page=1");
        assertThat(one).hasSize(2);
        assertThat(get(ZONE_INSIGHTS + "/al-2/audit-log")).failsWith(404, 1100, "insight 'al-2' not found");
    }

    @Test
    void cursor_altered_isRefused() {
        String cursor = get(ACCOUNT_INSIGHTS + "/audit-log?per_page=2")
                .json()
                .path("result_info")
                .path("cursor")
                .asText();
        int at = cursor.indexOf('.') + 1; // the first character of the signature
        String forged = cursor.substring(0, at) + (cursor.charAt(at) == 'A' ? 'B' : 'A') + cursor.substring(at + 1);
        assertThat(get(ACCOUNT_INSIGHTS + "/audit-log?per_page=2&cursor=" + forged))
                .failsWith(
                        400,
                        1011,
                        "cursor is not valid for this query: pass back result_info.cursor unchanged, with the same filters");
        assertThat(get(ACCOUNT_INSIGHTS + "/audit-log?cursor=not-a-cursor").status())
                .isEqualTo(400);
    }

    @Test
    void cursor_replayedWithOtherFiltersOrScope_isRefused() {
        String cursor = get(ACCOUNT_INSIGHTS + "/audit-log?per_page=2")
                .json()
                .path("result_info")
                .path("cursor")
                .asText();
        assertThat(get(ACCOUNT_INSIGHTS + "/audit-log?per_page=2&order=asc&cursor=" + cursor)
                        .status())
                .isEqualTo(400);
        assertThat(get(ZONE_INSIGHTS + "/audit-log?per_page=2&cursor=" + cursor).status())
                .isEqualTo(400);
        assertThat(get(ACCOUNT_INSIGHTS + "/audit-log?per_page=7&cursor=" + cursor)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void badParameters_areA400() {
        assertThat(get(ACCOUNT_INSIGHTS + "/audit-log?order=up"))
                .failsWith(400, 1010, "order must be asc or desc; got 'up'");
        assertThat(get(ACCOUNT_INSIGHTS + "/audit-log?since=yesterday"))
                .failsWith(400, 1010, "since must be an RFC 3339 time such as 2026-11-25T08:00:00Z; got 'yesterday'");
        assertThat(get(ACCOUNT_INSIGHTS + "/audit-log?field_changed=dismissed"))
                .failsWith(400, 1010, "field_changed must be status or user_classification; got 'dismissed'");
    }
}
