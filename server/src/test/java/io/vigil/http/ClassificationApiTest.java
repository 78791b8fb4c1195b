package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT_ZONE;
import static io.vigil.testing.Insights.SIBLING_ZONE;
import static io.vigil.testing.Insights.ZONE;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.auth.Permission;
import io.vigil.insight.Classification;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PATCH …/classification} over HTTP against the real server and SQLite file. */
class ClassificationApiTest {
    private static final String ACCOUNT_PATH = "/accounts/" + ACCOUNT;
    private static final String ZONE_PATH = "/zones/" + ZONE;
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String edit;

    @BeforeAll
    static void seed() {
        edit = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
    }

    private static String accountInsight() {
        String id = "acct-" + IDS.incrementAndGet();
        server.seed(Insights.inAccount(id, ACCOUNT));
        return id;
    }

    private static String zoneInsight(String zone) {
        String id = "zone-" + IDS.incrementAndGet();
        server.seed(Insights.inZone(id, ACCOUNT, zone));
        return id;
    }

    private static @Nullable Classification classificationOf(String id) {
        return server.insight(ACCOUNT, id).orElseThrow().classification();
    }

    @Test
    void patch_falsePositiveOnAccountInsight_answersTheSeedEnvelopeAndRecordsOneAuditEntry() {
        String id = accountInsight();
        Reply reply = server.classify(ACCOUNT_PATH, id, "{\"classification\": \"false_positive\"}", edit);

        assertThat(reply).succeedsWithSeedEnvelope();
        assertThat(reply.header("Content-Type")).contains("application/json");
        assertThat(classificationOf(id)).isEqualTo(Classification.FALSE_POSITIVE);
        List<AuditEntry> trail = server.auditTrail(id);
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.id().version()).isEqualTo(7);
            assertThat(entry.issueId()).isEqualTo(id);
            assertThat(entry.fieldChanged()).isEqualTo(AuditField.USER_CLASSIFICATION);
            assertThat(entry.previousValue()).isNull();
            assertThat(entry.currentValue()).isEqualTo("false_positive");
            assertThat(entry.rationale()).isNull();
            assertThat(entry.changedBy()).startsWith("token:");
            assertThat(entry.zoneId()).isNull();
        });
    }

    @Test
    void patch_fullLifeCycle_setIdempotentRefusedResetOther() {
        String id = accountInsight();
        assertThat(server.classify(
                        ACCOUNT_PATH, id, "{\"classification\":\"accept_risk\",\"rationale\":\"SEC-1\"}", edit))
                .succeedsWithSeedEnvelope();
        assertThat(server.classify(
                        ACCOUNT_PATH, id, "{\"classification\":\"accept_risk\",\"rationale\":\"again\"}", edit))
                .succeedsWithSeedEnvelope();
        assertThat(server.classify(ACCOUNT_PATH, id, "{\"classification\":\"other\",\"rationale\":\"x\"}", edit))
                .failsWith(409, 1200, "classification is 'accept_risk'; reset it to null before setting 'other'");
        assertThat(server.classify(ACCOUNT_PATH, id, "{\"classification\":null,\"rationale\":\"fixed\"}", edit))
                .succeedsWithSeedEnvelope();
        assertThat(server.classify(ACCOUNT_PATH, id, "{\"classification\":\"other\",\"rationale\":\"vendor\"}", edit))
                .succeedsWithSeedEnvelope();

        assertThat(classificationOf(id)).isEqualTo(Classification.OTHER);
        assertThat(server.auditTrail(id))
                .extracting(AuditEntry::previousValue, AuditEntry::currentValue, AuditEntry::rationale)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, "accept_risk", "SEC-1"),
                        org.assertj.core.groups.Tuple.tuple("accept_risk", null, "fixed"),
                        org.assertj.core.groups.Tuple.tuple(null, "other", "vendor"));
    }

    @Test
    void patch_refusedTransition_isNotRetriedBySdks() {
        String id = accountInsight();
        server.classify(ACCOUNT_PATH, id, "{\"classification\":\"false_positive\"}", edit);
        Reply refused = server.classify(ACCOUNT_PATH, id, "{\"classification\":\"other\",\"rationale\":\"r\"}", edit);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("x-should-retry")).contains("false");
    }

    @Test
    void patch_resetWhenUnclassified_isIdempotentAndRecordsNothing() {
        String id = accountInsight();
        assertThat(server.classify(ACCOUNT_PATH, id, "{\"classification\":null}", edit))
                .succeedsWithSeedEnvelope();
        assertThat(server.auditTrail(id)).isEmpty();
    }

    @Test
    void patch_zoneInsightThroughZonePath_recordsTheZone() {
        String id = zoneInsight(ZONE);
        assertThat(server.classify(ZONE_PATH, id, "{\"classification\":\"false_positive\"}", edit))
                .succeedsWithSeedEnvelope();
        assertThat(server.auditTrail(id))
                .singleElement()
                .extracting(AuditEntry::zoneId)
                .isEqualTo(ZONE);
    }

    @Test
    void patch_zoneInsightThroughItsAccountPath_isReachable() {
        String id = zoneInsight(ZONE);
        assertThat(server.classify(ACCOUNT_PATH, id, "{\"classification\":\"false_positive\"}", edit))
                .succeedsWithSeedEnvelope();
    }

    @Test
    void patch_accountInsightThroughAZonePath_isNotFound() {
        String id = accountInsight();
        assertThat(server.classify(ZONE_PATH, id, "{\"classification\":\"false_positive\"}", edit))
                .failsWith(404, 1100, "insight '" + id + "' not found");
    }

    @Test
    void patch_siblingZonesInsightThroughZonePath_isNotFound() {
        String id = zoneInsight(SIBLING_ZONE);
        assertThat(server.classify(ZONE_PATH, id, "{\"classification\":\"false_positive\"}", edit))
                .failsWith(404, 1100, "insight '" + id + "' not found");
        assertThat(server.auditTrail(id)).isEmpty();
    }

    @Test
    void patch_unknownInsight_isNotFound() {
        assertThat(server.classify(ACCOUNT_PATH, "no-such-insight", "{\"classification\":null}", edit))
                .failsWith(404, 1100, "insight 'no-such-insight' not found");
    }

    @Test
    void patch_otherAccountsInsightThroughOwnAccountPath_isNotFoundLikeAnUnknownOne() {
        String id = "foreign-" + IDS.incrementAndGet();
        server.seed(Insights.inAccount(id, OTHER_ACCOUNT));
        Reply foreign = server.classify(ACCOUNT_PATH, id, "{\"classification\":\"false_positive\"}", edit);
        Reply unknown = server.classify(ACCOUNT_PATH, id + "x", "{\"classification\":\"false_positive\"}", edit);
        assertThat(foreign).failsWith(404, 1100, "insight '" + id + "' not found");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(server.auditTrail(id)).isEmpty();
    }

    @Test
    void patch_otherAccountPath_isForbiddenWhetherTheAccountExistsOrNot() {
        String id = "foreign-" + IDS.incrementAndGet();
        server.seed(Insights.inAccount(id, OTHER_ACCOUNT));
        Reply existing = server.classify("/accounts/" + OTHER_ACCOUNT, id, "{\"classification\":null}", edit);
        Reply missing = server.classify("/accounts/" + "e".repeat(32), id, "{\"classification\":null}", edit);
        assertThat(existing).failsWith(403, 10000, "Authentication error");
        assertThat(missing).failsWith(403, 10000, "Authentication error");
        assertThat(existing.body()).isEqualTo(missing.body());
    }

    @Test
    void patch_zoneOfAnotherAccount_isForbiddenWhetherTheZoneExistsOrNot() {
        server.seed(Insights.inZone("oz-" + IDS.incrementAndGet(), OTHER_ACCOUNT, OTHER_ACCOUNT_ZONE));
        Reply existing = server.classify("/zones/" + OTHER_ACCOUNT_ZONE, "x", "{\"classification\":null}", edit);
        Reply missing = server.classify("/zones/" + "f".repeat(32), "x", "{\"classification\":null}", edit);
        assertThat(existing).failsWith(403, 10000, "Authentication error");
        assertThat(missing.body()).isEqualTo(existing.body());
    }

    @Test
    void patch_readToken_isForbiddenAndChangesNothing() {
        String id = accountInsight();
        String read = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        assertThat(server.classify(ACCOUNT_PATH, id, "{\"classification\":\"false_positive\"}", read))
                .failsWith(403, 10000, "Authentication error");
        assertThat(classificationOf(id)).isNull();
    }

    @Test
    void patch_zoneScopedToken_reachesItsZoneOnly() {
        String zoneToken = server.token(Permission.EDIT, Set.of(), Set.of(ZONE));
        String mine = zoneInsight(ZONE);
        String sibling = zoneInsight(SIBLING_ZONE);
        assertThat(server.classify(ZONE_PATH, mine, "{\"classification\":\"false_positive\"}", zoneToken))
                .succeedsWithSeedEnvelope();
        assertThat(server.classify("/zones/" + SIBLING_ZONE, sibling, "{\"classification\":null}", zoneToken))
                .failsWith(403, 10000, "Authentication error");
        assertThat(server.classify(ACCOUNT_PATH, mine, "{\"classification\":null}", zoneToken))
                .failsWith(403, 10000, "Authentication error");
    }

    @Test
    void patch_legacyEmailAndKeyOfAMember_classifiesAndIsAuditedByEmail() {
        String key = server.user("member-" + IDS.incrementAndGet() + "@example.com", Set.of(ACCOUNT));
        String email = "member-" + IDS.get() + "@example.com";
        String id = zoneInsight(ZONE);
        Reply reply = server.send(
                "PATCH",
                ZONE_PATH + "/security-center/insights/" + id + "/classification",
                "{\"classification\":\"false_positive\"}",
                "Content-Type",
                "application/json",
                "X-Auth-Email",
                email,
                "X-Auth-Key",
                key);
        assertThat(reply).succeedsWithSeedEnvelope();
        assertThat(server.auditTrail(id))
                .singleElement()
                .extracting(AuditEntry::changedBy)
                .isEqualTo(email);
    }

    @Test
    void patch_legacyKeyOfANonMember_isForbidden() {
        String email = "outsider-" + IDS.incrementAndGet() + "@example.com";
        String key = server.user(email, Set.of(OTHER_ACCOUNT));
        Reply reply = server.send(
                "PATCH",
                ACCOUNT_PATH + "/security-center/insights/" + accountInsight() + "/classification",
                "{\"classification\":\"false_positive\"}",
                "Content-Type",
                "application/json",
                "X-Auth-Email",
                email,
                "X-Auth-Key",
                key);
        assertThat(reply).failsWith(403, 10000, "Authentication error");
    }

    @Test
    void patch_wrongGlobalKey_isUnauthenticated() {
        String email = "wrongkey-" + IDS.incrementAndGet() + "@example.com";
        server.user(email, Set.of(ACCOUNT));
        Reply reply = server.send(
                "PATCH",
                ACCOUNT_PATH + "/security-center/insights/x/classification",
                "{\"classification\":null}",
                "Content-Type",
                "application/json",
                "X-Auth-Email",
                email,
                "X-Auth-Key",
                "0123456789abcdef0123456789abcdef01234");
        assertThat(reply).failsWith(401, 9103, "Unknown X-Auth-Key or X-Auth-Email");
    }

    @Test
    void patch_noCredentials_isUnauthenticated() {
        Reply reply = server.send(
                "PATCH",
                ACCOUNT_PATH + "/security-center/insights/x/classification",
                "{\"classification\":null}",
                "Content-Type",
                "application/json");
        assertThat(reply).failsWith(401, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
    }

    @Test
    void patch_unknownToken_isUnauthenticated() {
        assertThat(server.classify(ACCOUNT_PATH, "x", "{\"classification\":null}", "A".repeat(40)))
                .failsWith(401, 9109, "Invalid access token");
    }

    @Test
    void patch_expiredToken_isUnauthenticated() {
        assertThat(server.classify(ACCOUNT_PATH, "x", "{\"classification\":null}", server.expiredToken(ACCOUNT)))
                .failsWith(401, 9109, "Invalid access token");
    }

    @Test
    void patch_malformedAuthorizationHeader_isAnInvalidHeadersError() {
        Reply reply = server.send(
                "PATCH",
                ACCOUNT_PATH + "/security-center/insights/x/classification",
                "{\"classification\":null}",
                "Content-Type",
                "application/json",
                "Authorization",
                "Basic dXNlcjpwYXNz");
        assertThat(reply).failsWith(400, 6003, "Invalid request headers").withChainCode(6111);
    }

    @Test
    void patch_bothAuthSchemesAtOnce_usesTheTokenAndIgnoresTheGlobalKey() {
        String id = accountInsight();
        Reply reply = server.send(
                "PATCH",
                ACCOUNT_PATH + "/security-center/insights/" + id + "/classification",
                "{\"classification\":\"false_positive\"}",
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + edit,
                "X-Auth-Email",
                "nobody@example.com",
                "X-Auth-Key",
                "not a key");
        assertThat(reply).succeedsWithSeedEnvelope();
        assertThat(server.auditTrail(id))
                .singleElement()
                .extracting(AuditEntry::changedBy)
                .asString()
                .startsWith("token:");
    }

    @Test
    void patch_malformedAccountId_couldNotRoute() {
        assertThat(server.classify("/accounts/not-hex", "x", "{\"classification\":null}", edit))
                .failsWith(
                        400,
                        7003,
                        "Could not route to /accounts/not-hex/security-center/insights/x/classification,"
                                + " perhaps your object identifier is invalid?");
    }

    @Test
    void patch_issueIdWithPercentEncodedSlash_couldNotRoute() {
        assertThat(server.classify(ACCOUNT_PATH, "a%2Fb", "{\"classification\":null}", edit)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void patch_issueIdPercentEncodedByTheSdk_isDecoded() {
        String id = "scan:" + IDS.incrementAndGet();
        server.seed(Insights.inAccount(id, ACCOUNT));
        assertThat(server.classify(
                        ACCOUNT_PATH, id.replace(":", "%3A"), "{\"classification\":\"false_positive\"}", edit))
                .succeedsWithSeedEnvelope();
    }

    @Test
    void get_onTheClassificationRoute_isMethodNotAllowed() {
        Reply reply = server.send(
                "GET",
                ACCOUNT_PATH + "/security-center/insights/x/classification",
                null,
                "Authorization",
                "Bearer " + edit);
        assertThat(reply).failsWith(405, 7001, "Method GET not allowed; this route takes PATCH");
        assertThat(reply.header("Allow")).contains("PATCH");
    }

    @Test
    void anyMethod_onAnUnknownPath_isNoRoute() {
        assertThat(server.send("GET", "/nope", null)).failsWith(404, 7000, "No route for that URI");
    }

    @Test
    void tokensVerify_activeToken_answersLikeCloudflare() {
        Reply reply = server.send("GET", "/user/tokens/verify", null, "Authorization", "Bearer " + edit);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("result").path("status").asText()).isEqualTo("active");
        assertThat(reply.json().path("result").path("id").asText()).matches("[0-9a-f]{32}");
        assertThat(reply.json().path("messages").get(0).path("message").asText())
                .isEqualTo("This API Token is valid and active");
    }

    @Test
    void livenessAndReadiness_answerOkOutsideTheApi() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/livez", "/readyz")) {
            var response = http.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void everyResponse_carriesARequestId() {
        assertThat(server.send("GET", "/nope", null).header("cf-ray"))
                .hasValueSatisfying(ray -> assertThat(ray).endsWith("-VGL"));
    }
}
