package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.auth.Permission;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pins the wire format of every endpoint's success response to a file in {@code src/test/resources/golden}.
 * Values that differ per run (audit ids and times, token ids) are replaced by placeholders first. Run with
 * {@code -Dgolden.update=true} to rewrite the files after an intended change, and review the diff.
 */
@TestMethodOrder(MethodOrderer.MethodName.class) // list and counts see the earlier tests' changes
class GoldenResponsesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/accounts/" + ACCOUNT + "/security-center/insights";
    /** The deprecated aliases answer with their twins' golden files: one wire format, two paths. */
    private static final String REPORT = "/accounts/" + ACCOUNT + "/intel/attack-surface-report";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String token;

    @BeforeAll
    static void seed() {
        token = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        Instant since = Instant.parse("2026-11-01T08:00:00Z");
        server.seed(
                Insight.builder()
                        .id("golden-zone")
                        .accountId(ACCOUNT)
                        .zoneId(ZONE)
                        .issueClass("exposed_origin_ip")
                        .issueType(IssueType.EXPOSED_INFRASTRUCTURE)
                        .severity(Severity.CRITICAL)
                        .subject("www.example.com")
                        .status(InsightStatus.ACTIVE)
                        .payloadJson("{\"detection_method\":\"dns_scan\",\"zone_tag\":\"" + ZONE + "\"}")
                        .contextJson("{\"open_ports\":[22,3306]}")
                        .product("dns")
                        .resolveLink("https://dash.cloudflare.com/fix")
                        .resolveText("Proxy the record")
                        .since(since)
                        .timestamp(since.plusSeconds(3600))
                        .build(),
                Insight.builder()
                        .id("golden-account")
                        .accountId(ACCOUNT)
                        .issueClass("user_without_2fa")
                        .issueType(IssueType.WEAK_AUTHENTICATION)
                        .severity(Severity.MODERATE)
                        .subject("alice@example.com")
                        .status(InsightStatus.ACTIVE)
                        .payloadJson("{\"detection_method\":\"account_scan\"}")
                        .resolveLink("https://dash.cloudflare.com/members")
                        .resolveText("Require 2FA")
                        .since(since)
                        .timestamp(since.plusSeconds(60))
                        .build());
    }

    private static Reply send(String method, String path, String body) {
        return server.send(method, path, body, "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    private static void assertGolden(String name, Reply reply) throws IOException {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode actual = normalize(reply.json());
        Path file = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        assertThat(actual)
                .as("%s (rerun with -Dgolden.update=true after an intended change)", file)
                .isEqualTo(JSON.readTree(file.toFile()));
    }

    /** Replaces per-run values: audit entry ids and times, token ids, scan ids and start times. */
    private static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("scan_id")) {
                object.put("scan_id", "<uuidv7>");
                if (object.has("started_at")) {
                    object.put("started_at", "<time>");
                }
            }
            if (object.has("changed_at")) {
                object.put("id", "<uuidv7>");
                object.put("changed_at", "<time>");
                object.put(
                        "changed_by",
                        object.path("changed_by").asText().replaceAll("token:[0-9a-f]{32}", "token:<id>"));
            }
            if (object.has("status")
                    && !object.has("name") // a zone: its id is fixed
                    && object.path("id").asText().matches("[0-9a-f]{32}")) {
                object.put("id", "<token id>");
            }
            object.elements().forEachRemaining(GoldenResponsesTest::normalize);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(GoldenResponsesTest::normalize);
        }
        return node;
    }

    @Test
    void classification_update() throws IOException {
        assertGolden(
                "classification-update",
                send(
                        "PATCH",
                        BASE + "/golden-account/classification",
                        "{\"classification\":\"accept_risk\",\"rationale\":\"compensating control: SSO enforced\"}"));
    }

    @Test
    void list() throws IOException {
        assertGolden("list", send("GET", BASE + "?per_page=5", null));
        assertGolden("list", send("GET", REPORT + "/issues?per_page=5", null));
    }

    @Test
    void counts() throws IOException {
        assertGolden("class", send("GET", BASE + "/class", null));
        assertGolden("severity", send("GET", BASE + "/severity", null));
        assertGolden("type", send("GET", BASE + "/type", null));
        assertGolden("class", send("GET", REPORT + "/issues/class", null));
        assertGolden("severity", send("GET", REPORT + "/issues/severity", null));
        assertGolden("type", send("GET", REPORT + "/issues/type", null));
    }

    @Test
    void dismiss() throws IOException {
        assertGolden(
                "dismiss",
                send("PUT", "/zones/" + ZONE + "/security-center/insights/golden-zone/dismiss", "{\"dismiss\":false}"));
        assertGolden("dismiss", send("PUT", REPORT + "/golden-zone/dismiss", "{\"dismiss\":false}"));
    }

    @Test
    void scans() throws IOException {
        String scans = "/zones/" + ZONE + "/security-center/insights/scans";
        assertGolden("scan-start", send("POST", scans, "{\"issue_type\":\"exposed_infrastructure\"}"));
        assertGolden("scans", send("GET", scans, null));
    }

    @Test
    void issueTypes() throws IOException {
        assertGolden("issue-types", send("GET", REPORT + "/issue-types", null));
    }

    @Test
    void context() throws IOException {
        assertGolden("context", send("GET", BASE + "/golden-zone/context", null));
    }

    @Test
    void auditLog() throws IOException {
        send("PATCH", BASE + "/golden-zone/classification", "{\"classification\":\"false_positive\"}");
        assertGolden("audit-log", send("GET", BASE + "/golden-zone/audit-log", null));
    }

    @Test
    void accounts() throws IOException {
        assertGolden("accounts", send("GET", "/accounts", null));
    }

    @Test
    void zones() throws IOException {
        assertGolden("zones", send("GET", "/zones?account.id=" + ACCOUNT, null));
    }

    @Test
    void tokensVerify() throws IOException {
        assertGolden("tokens-verify", send("GET", "/user/tokens/verify", null));
    }
}
