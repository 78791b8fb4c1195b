package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT_ZONE;
import static io.vigil.testing.Insights.SIBLING_ZONE;
import static io.vigil.testing.Insights.ZONE;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.auth.Permission;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cloudflare's on-demand scans (issue 31) through the real server: what a start answers, what the lists show on
 * the account's path and a zone's, the quota shared by both, and the 429 that changes nothing.
 */
class ScansApiTest {
    private static final String ACCOUNT_SCANS = "/accounts/" + ACCOUNT + "/security-center/insights/scans";
    private static final String ZONE_SCANS = "/zones/" + ZONE + "/security-center/insights/scans";
    private static final String SIBLING_SCANS = "/zones/" + SIBLING_ZONE + "/security-center/insights/scans";
    private static final String OTHER_SCANS = "/accounts/" + OTHER_ACCOUNT + "/security-center/insights/scans";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String edit;
    static String other;

    @BeforeAll
    static void seed() {
        server.seed(
                Insights.inZone("z", ACCOUNT, ZONE),
                Insights.inZone("s", ACCOUNT, SIBLING_ZONE),
                Insights.inZone("o", OTHER_ACCOUNT, OTHER_ACCOUNT_ZONE));
        edit = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        other = server.token(Permission.EDIT, Set.of(OTHER_ACCOUNT), Set.of());
    }

    @BeforeEach
    void forget() {
        server.forgetScans();
    }

    private static Reply post(String path, String token, String body) {
        return server.send("POST", path, body, "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    private static Reply get(String path, String token) {
        return server.send("GET", path, null, "Authorization", "Bearer " + token);
    }

    private static String start(String path, String token) {
        Reply reply = post(path, token, "{}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("result").path("scan_id").asText();
    }

    private static List<String> ids(Reply list) {
        List<String> ids = new ArrayList<>();
        list.json()
                .path("result")
                .path("scans")
                .forEach(scan -> ids.add(scan.path("scan_id").asText()));
        return ids;
    }

    @Test
    void start_answersTheScanId_andTheListShowsItInProgress() {
        Instant before = Instant.now().minusSeconds(1);
        String id = start(ACCOUNT_SCANS, edit);
        Reply list = get(ACCOUNT_SCANS, edit);
        assertThat(list.status()).isEqualTo(200);
        JsonNode scan = list.json().path("result").path("scans").get(0);
        assertThat(scan.path("scan_id").asText()).isEqualTo(id);
        assertThat(scan.path("status").asText()).isEqualTo("in_progress");
        assertThat(Instant.parse(scan.path("started_at").asText())).isAfter(before);
        assertThat(list.json().path("result").path("quota").toString()).isEqualTo("{\"used\":1,\"available\":4}");
        assertThat(list.json().path("success").asBoolean()).isTrue();
    }

    @Test
    void theQuota_isTheAccounts_sharedByItsZones_andTheSixthScanIs429WithRetryAfter() {
        List<String> started = new ArrayList<>();
        for (String path : List.of(ACCOUNT_SCANS, ZONE_SCANS, SIBLING_SCANS, ZONE_SCANS, ACCOUNT_SCANS)) {
            started.add(start(path, edit));
        }
        for (String path : List.of(ACCOUNT_SCANS, ZONE_SCANS)) {
            Reply refused = post(path, edit, "{\"issue_type\":\"email_security\"}");
            assertThat(refused.status()).isEqualTo(429);
            JsonNode error = refused.json().path("errors").get(0);
            assertThat(error.path("code").asInt()).isEqualTo(971);
            long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
            assertThat(error.path("message").asText())
                    .isEqualTo("scan quota spent: account '" + ACCOUNT + "' started 5 scans in the last 24 hours, the"
                            + " most allowed; the next may start in " + retryAfter + " seconds");
            assertThat(retryAfter)
                    .isBetween(
                            Duration.ofHours(24).toSeconds() - 60,
                            Duration.ofHours(24).toSeconds());
            assertThat(refused.header("x-should-retry")).isEmpty();
        }
        // Refused starts changed nothing; the account shows all five, newest first; each zone its own and the
        // account's; another account has its own quota and sees none of them.
        assertThat(ids(get(ACCOUNT_SCANS, edit))).isEqualTo(started.reversed());
        assertThat(ids(get(ZONE_SCANS, edit)))
                .containsExactly(started.get(4), started.get(3), started.get(1), started.get(0));
        assertThat(ids(get(SIBLING_SCANS, edit))).containsExactly(started.get(4), started.get(2), started.get(0));
        assertThat(get(ZONE_SCANS, edit).json().path("result").path("quota").toString())
                .isEqualTo("{\"used\":5,\"available\":0}");
        assertThat(ids(get(OTHER_SCANS, other))).isEmpty();
        start(OTHER_SCANS, other);
        assertThat(get(OTHER_SCANS, other).json().path("result").path("quota").toString())
                .isEqualTo("{\"used\":1,\"available\":4}");
    }

    @Test
    void theList_showsAtMostFiveScans() {
        for (int i = 0; i < 5; i++) {
            start(ZONE_SCANS, edit);
        }
        assertThat(ids(get(ACCOUNT_SCANS, edit))).hasSize(5);
    }

    @Test
    void aBadBody_isRefusedAndStartsNothing() {
        assertThat(post(ACCOUNT_SCANS, edit, "{\"issue_type\":\"malware\"}"))
                .failsWith(
                        400,
                        1002,
                        "issue_type must be one of 'compliance_violation', 'email_security', 'exposed_infrastructure',"
                                + " 'insecure_configuration', 'weak_authentication', 'configuration_suggestion'; got"
                                + " 'malware'")
                .atPointer("/issue_type");
        assertThat(post(ACCOUNT_SCANS, edit, "{\"issue_type\":\"email_security\",\"issue_class\":\"x\"}"))
                .failsWith(
                        400, 1002, "a scan takes issue_type or issue_class, not both; send {} to scan every issue type")
                .atPointer("");
        assertThat(post(ACCOUNT_SCANS, edit, "{\"issue_class\":\"" + "x".repeat(129) + "\"}"))
                .failsWith(400, 1002, "issue_class must be 1 to 128 characters long; got 129")
                .atPointer("/issue_class");
        assertThat(post(ACCOUNT_SCANS, edit, "{\"issue_class\":\"dnssec\\u0000disabled\"}"))
                .failsWith(400, 1002, "issue_class must not contain control characters")
                .atPointer("/issue_class");
        assertThat(post(ACCOUNT_SCANS, edit, "{\"issue_class\":null}"))
                .failsWith(400, 1002, "issue_class must be a string; got null")
                .atPointer("/issue_class");
        assertThat(post(ACCOUNT_SCANS, edit, "{\"zone\":\"x\"}"))
                .failsWith(400, 1006, "unknown field 'zone'; the body takes 'issue_type' and 'issue_class'");
        assertThat(ids(get(ACCOUNT_SCANS, edit))).isEmpty();
    }

    @Test
    void noBody_scansEverything_asCloudflaresClientsSendIt() {
        Reply reply = server.send("POST", ACCOUNT_SCANS, null, "Authorization", "Bearer " + edit);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(ids(get(ACCOUNT_SCANS, edit))).hasSize(1);
    }

    @Test
    void aZoneWhoseAccountIsUnknown_isNotFound() {
        String unknown = "9".repeat(32);
        String token = server.token(Permission.EDIT, Set.of(), Set.of(unknown));
        String path = "/zones/" + unknown + "/security-center/insights/scans";
        String message = "zone '" + unknown + "' not found: a zone's scans count against its account, which Vigil"
                + " knows once insights of the zone are imported or synced";
        assertThat(post(path, token, "{}")).failsWith(404, 1104, message);
        assertThat(get(path, token)).failsWith(404, 1104, message);
    }
}
