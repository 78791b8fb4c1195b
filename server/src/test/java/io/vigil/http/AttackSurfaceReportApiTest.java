package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.auth.Permission;
import io.vigil.insight.Insight;
import io.vigil.testing.Dataset;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cloudflare's deprecated {@code /accounts/{account_id}/intel/attack-surface-report} operations: the issue
 * types, and the aliases of the account's insight list, counts and dismiss, which answer exactly as their
 * {@code security-center/insights} twins.
 */
class AttackSurfaceReportApiTest {
    static final String REPORT = "/accounts/" + ACCOUNT + "/intel/attack-surface-report";
    static final String TWIN = "/accounts/" + ACCOUNT + "/security-center/insights";
    /** Tests that dismiss do it in accounts of their own, so the dataset stays as generated. */
    static final String MUTABLE = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee4";

    static final String MUTABLE_ZONES = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee5";

    static final String MUTABLE_REPORT = "/accounts/" + MUTABLE + "/intel/attack-surface-report";
    static final String MUTABLE_TWIN = "/accounts/" + MUTABLE + "/security-center/insights";
    static final String ISSUE_TYPES_BODY = "{\"result\":[\"compliance_violation\",\"email_security\","
            + "\"exposed_infrastructure\",\"insecure_configuration\",\"weak_authentication\","
            + "\"configuration_suggestion\"],\"success\":true,\"errors\":[],\"messages\":[]}";
    static final String MEMBER = "member@example.com";
    static final String OUTSIDER = "outsider@example.com";
    static final List<Insight> DATA = Dataset.insights(120);
    /** An insight of the account that is not dismissed: restoring it changes nothing. */
    static final String ACTIVE_IN_ACCOUNT = DATA.stream()
            .filter(i -> i.accountId().equals(ACCOUNT) && !i.dismissed())
            .findFirst()
            .orElseThrow()
            .id();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String read;
    static String edit;
    static String memberKey;
    static String outsiderKey;

    @BeforeAll
    static void seed() {
        server.seed(DATA);
        read = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        edit = server.token(Permission.EDIT, Set.of(ACCOUNT, MUTABLE, MUTABLE_ZONES), Set.of());
        memberKey = server.user(MEMBER, Set.of(ACCOUNT));
        outsiderKey = server.user(OUTSIDER, Set.of(OTHER_ACCOUNT));
    }

    static Reply get(String path) {
        return server.send("GET", path, null, "Authorization", "Bearer " + read);
    }

    static Reply put(String path, String body, String token) {
        return server.send("PUT", path, body, "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    @Test
    void issueTypes_everyAccountAndScheme_listsTheSchemasIssueTypesInOrder() {
        assertThat(get(REPORT + "/issue-types").body()).isEqualTo(ISSUE_TYPES_BODY);
        assertThat(server.send("GET", MUTABLE_REPORT + "/issue-types", null, "Authorization", "Bearer " + edit)
                        .body())
                .as("an account without insights knows the same types")
                .isEqualTo(ISSUE_TYPES_BODY);
        Reply legacy =
                server.send("GET", REPORT + "/issue-types", null, "X-Auth-Email", MEMBER, "X-Auth-Key", memberKey);
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.body()).isEqualTo(ISSUE_TYPES_BODY);
        assertThat(legacy.header("content-type")).hasValue("application/json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"page=1", "per_page=5", "issue_type=email_security", "dismissed=true"})
    void issueTypes_anyQueryParameter_isA400(String query) {
        String name = query.substring(0, query.indexOf('='));
        assertThat(get(REPORT + "/issue-types?" + query))
                .failsWith(
                        400, 1010, "unknown query parameter '" + name + "'; this endpoint takes no query parameters");
    }

    @ParameterizedTest(name = "{0} ?{1}")
    @CsvSource(delimiter = '|', textBlock = """
            /issues          |
            /issues          | per_page=7&page=2
            /issues          | per_page=1000&dismissed=true
            /issues          | severity=low&severity=critical&issue_type~neq=email_security
            /issues          | subject=www.example.com,example.com&product~neq=dns&source=cloudflare
            /issues          | issue_class=dnssec_disabled&page=999
            /issues/class    |
            /issues/class    | severity~neq=low&dismissed=true
            /issues/severity | issue_type=weak_authentication,email_security
            /issues/severity | source=riskrecon
            /issues/type     | product=ssl&subject~neq=api.example.com
            /issues/type     | issue_class~neq=spf_missing
            """)
    void issuesAndCounts_sameQueryAsTheTwin_sameAnswer(String alias, String query) {
        String suffix = query == null ? "" : "?" + query;
        String twin = alias.replaceFirst("^/issues", "");
        Reply reply = get(REPORT + alias + suffix);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        if (query == null) {
            assertThat(reply.json().path("result"))
                    .as("the dataset has something to show")
                    .isNotEmpty();
        }
        assertThat(reply.body()).isEqualTo(get(TWIN + twin + suffix).body());
    }

    @ParameterizedTest(name = "{0} ?{1}")
    @CsvSource(delimiter = '|', textBlock = """
            /issues          | per_page=0          | per_page must be an integer from 1 to 1000; got '0'
            /issues          | severity=severe     | severity must be one of low, moderate, critical; got 'severe'
            /issues          | dismissed~neq=true  | unknown query parameter 'dismissed~neq'; this endpoint takes dismissed, issue_class, issue_class~neq, issue_type, issue_type~neq, page, per_page, product, product~neq, severity, severity~neq, source, subject, subject~neq
            /issues/class    | page=1              | unknown query parameter 'page'; this endpoint takes dismissed, issue_class, issue_class~neq, issue_type, issue_type~neq, product, product~neq, severity, severity~neq, source, subject, subject~neq
            /issues/severity | source=qualys       | source must be one of cloudflare, riskrecon; got 'qualys'
            /issues/type     | subject=            | query parameter 'subject' must not be empty
            """)
    void issuesAndCounts_badQuery_isTheTwinsA400(String alias, String query, String message) {
        Reply reply = get(REPORT + alias + "?" + query);
        assertThat(reply).failsWith(400, 1010, message);
        assertThat(reply.body())
                .isEqualTo(get(TWIN + alias.replaceFirst("^/issues", "") + "?" + query)
                        .body());
    }

    @Test
    void dismiss_thenRestore_changesWhatTheTwinSeesAsTheTwinsOwnDismissDoes_andIsNotAudited() {
        server.seed(Insights.inAccount("asr-alias", MUTABLE), Insights.inAccount("asr-twin", MUTABLE));
        assertThat(put(MUTABLE_REPORT + "/asr-alias/dismiss", "{\"dismiss\":true}", edit))
                .succeedsWithSeedEnvelope();
        assertThat(put(MUTABLE_TWIN + "/asr-twin/dismiss", "{\"dismiss\":true}", edit))
                .succeedsWithSeedEnvelope();
        Reply dismissed = server.send("GET", MUTABLE_TWIN + "?dismissed=true", null, "Authorization", "Bearer " + edit);
        JsonNode issues = dismissed.json().path("result").path("issues");
        assertThat(issues.findValuesAsText("id")).containsExactlyInAnyOrder("asr-alias", "asr-twin");
        assertThat(withoutId(issues.get(0)))
                .as("both dismissals left the same insight behind")
                .isEqualTo(withoutId(issues.get(1)));
        assertThat(server.auditTrail("asr-alias"))
                .as("as the twin: dismissals are not audited")
                .isEmpty();
        assertThat(server.auditTrail("asr-twin")).isEmpty();

        assertThat(put(MUTABLE_REPORT + "/asr-alias/dismiss", "{\"dismiss\":false}", edit))
                .succeedsWithSeedEnvelope();
        assertThat(put(MUTABLE_REPORT + "/asr-alias/dismiss", "{\"dismiss\":false}", edit))
                .as("idempotent")
                .succeedsWithSeedEnvelope();
        assertThat(server.send("GET", MUTABLE_REPORT + "/issues", null, "Authorization", "Bearer " + edit)
                        .json()
                        .path("result")
                        .path("issues")
                        .findValuesAsText("id"))
                .containsExactly("asr-alias");
    }

    @Test
    void dismiss_emptyBody_dismisses_aZoneInsightOfTheAccountToo() {
        String report = "/accounts/" + MUTABLE_ZONES + "/intel/attack-surface-report";
        server.seed(Insights.inZone("asr-zone", MUTABLE_ZONES, "eeeeeeeeeeeeeeeeeeeeeeeeeeeee501"));
        assertThat(server.send("PUT", report + "/asr-zone/dismiss", null, "Authorization", "Bearer " + edit))
                .succeedsWithSeedEnvelope();
        assertThat(server.send("GET", report + "/issues?dismissed=true", null, "Authorization", "Bearer " + edit)
                        .json()
                        .path("result")
                        .path("issues")
                        .findValuesAsText("id"))
                .containsExactly("asr-zone");
    }

    @Test
    void dismiss_unknownOrForeignInsight_is404() {
        assertThat(put(REPORT + "/nope/dismiss", "{}", edit)).failsWith(404, 1100, "insight 'nope' not found");
        String foreign = DATA.stream()
                .filter(i -> i.accountId().equals(OTHER_ACCOUNT))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(put(REPORT + "/" + foreign + "/dismiss", "{}", edit))
                .failsWith(404, 1100, "insight '" + foreign + "' not found");
    }

    @Test
    void dismiss_errorsComeInTheTwinsOrder() {
        assertThat(put(REPORT + "/nope/dismiss", "{\"dismiss\":\"yes\"}", read))
                .as("permission before the body")
                .failsWith(403, 10000, "Authentication error");
        assertThat(put(REPORT + "/nope/dismiss", "{\"dismiss\":\"yes\"}", edit))
                .as("the body before the insight's existence")
                .failsWith(400, 1002, "dismiss must be true or false")
                .atPointer("/dismiss");
        assertThat(put(REPORT + "/nope/dismiss", "{\"archive\":true}", edit))
                .failsWith(400, 1006, "unknown field 'archive'; the body takes 'dismiss'");
        assertThat(put(REPORT + "/nope/dismiss?force=1", "{}", edit))
                .failsWith(400, 1010, "unknown query parameter 'force'; this endpoint takes no query parameters");
        assertThat(server.send("PUT", REPORT + "/nope/dismiss", "{}", "Authorization", "Bearer " + edit))
                .failsWith(415, 1007, "Content-Type must be application/json; none was sent");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET | /issue-types
            GET | /issues
            GET | /issues/class
            GET | /issues/severity
            GET | /issues/type
            PUT | /{issue_id}/dismiss
            """)
    void everyOperation_withoutAccess_isRefusedAsItsTwinIs(String method, String path) {
        String body = method.equals("PUT") ? "{\"dismiss\":false}" : null;
        String[] json = body == null ? new String[0] : new String[] {"Content-Type", "application/json"};
        String target = REPORT + path.replace("{issue_id}", ACTIVE_IN_ACCOUNT);
        assertThat(server.send(method, target, body, json))
                .failsWith(401, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
        assertThat(server.send(method, target, body, with(json, "Authorization", "Bearer " + "U".repeat(40))))
                .failsWith(401, 9109, "Invalid access token");
        assertThat(server.send(method, target, body, with(json, "X-Auth-Email", OUTSIDER, "X-Auth-Key", outsiderKey)))
                .as("email + key of a user of another account")
                .failsWith(403, 10000, "Authentication error");
        for (String token : List.of(
                server.token(Permission.EDIT, Set.of(OTHER_ACCOUNT), Set.of()),
                server.token(Permission.EDIT, Set.of(), Set.of(ZONE)))) {
            assertThat(server.send(method, target, body, with(json, "Authorization", "Bearer " + token)))
                    .as("another account's token; a zone token on these account-only routes")
                    .failsWith(403, 10000, "Authentication error");
        }
        Reply member = server.send(method, target, body, with(json, "X-Auth-Email", MEMBER, "X-Auth-Key", memberKey));
        assertThat(member.status()).as(member.body()).isEqualTo(200);
    }

    @Test
    void zonePaths_malformedAccount_andWrongMethods_areRefusedByTheRouter() {
        assertThat(get("/zones/" + ZONE + "/intel/attack-surface-report/issues"))
                .as("Cloudflare has no zone variant")
                .failsWith(404, 7000, "No route for that URI");
        assertThat(get("/accounts/acme/intel/attack-surface-report/issues"))
                .failsWith(
                        400,
                        7003,
                        "Could not route to /accounts/acme/intel/attack-surface-report/issues, perhaps your object"
                                + " identifier is invalid?");
        assertThat(get(REPORT + "/ds-0/dismiss")).failsWith(405, 7001, "Method GET not allowed; this route takes PUT");
        assertThat(put(REPORT + "/issue-types", "{}", edit))
                .failsWith(405, 7001, "Method PUT not allowed; this route takes GET");
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static JsonNode withoutId(JsonNode issue) {
        ObjectNode copy = issue.deepCopy();
        copy.remove("id");
        return copy;
    }
}
