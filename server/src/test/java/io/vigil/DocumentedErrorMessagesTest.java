package io.vigil;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.RateLimit;
import io.vigil.auth.Secrets;
import io.vigil.cli.ServerOptions;
import io.vigil.insight.Classification;
import io.vigil.insight.ExpiryPolicy;
import io.vigil.store.Database;
import io.vigil.store.JdbcCredentialStore;
import io.vigil.store.JdbcInsightStore;
import io.vigil.testing.Insights;
import io.vigil.testing.Seeds;
import io.vigil.testing.Stores;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/errors.md promises that its example messages are API: each one is sent here, to a real server, and its
 * answer must carry the row's HTTP status and code and exactly the example's message ({@code …} standing for any
 * text). The few examples that no request to a healthy server can produce are listed, each with the reason.
 */
final class DocumentedErrorMessagesTest {
    private static final String API = "/client/v4";
    private static final String INSIGHTS = API + "/accounts/" + ACCOUNT + "/security-center/insights";
    private static final String BULK = API + "/vigil/accounts/" + ACCOUNT + "/insights/bulk";
    private static final String WEBHOOKS = API + "/vigil/accounts/" + ACCOUNT + "/webhooks";
    private static final String SCANS = INSIGHTS + "/scans";
    /** A zone no insight names: its account, and so its scan quota, is unknown. */
    private static final String UNKNOWN_ZONE = "9".repeat(32);

    private static final String JSON_TYPE = "application/json";

    /** The examples no request to a healthy server provokes, and why. */
    private static final Map<String, String> NOT_SENT = Map.of(
            "insight 'abc' changed 4 times while this request was applied; retry",
            "needs another write to land between the request's read and its write four times in a row: a race no"
                    + " client can arrange",
            "internal error; quote request id 8a147e641-VGL when reporting it",
            "a bug: no request is meant to reach it",
            "the database is unavailable; nothing was changed, retry",
            "needs the database to be busy, unreachable or full under a running server",
            "16384 writes are already queued; nothing was changed, retry",
            "needs more than 16,384 writes queued at once behind a stalled database",
            "this node does not hold the webhook secrets key 3f2a9c0b1d4e5f60; send the request to another node, or"
                    + " copy webhook-secrets.key to this one; nothing was changed",
            "needs a second node without the cluster's key file: webhook/WebhookClusterTest sends it on PostgreSQL");

    private static final List<ErrorsTable.Example> EXAMPLES = ErrorsTable.examples();

    @TempDir
    static Path dataDir;

    private static Main.Server server;
    private static Wire wire;
    private static String edit;
    private static String otherAccount;
    private static String budgeted;
    private static String unknownZone;

    /** A request that should be answered with one example. */
    @FunctionalInterface
    interface Request {
        Wire.Answer send() throws Exception;
    }

    /**
     * Seeds the insights and tokens the requests need, then starts a server as {@code vigil serve --rate-limit
     * 1200/5m --require-expiry accept_risk=90d --seal-every 0} would.
     */
    @BeforeAll
    static void start() {
        try (Database database = Database.open(null, dataDir)) {
            edit = Seeds.insightsAndEditToken(database, "bulk-", 50);
            try (JdbcInsightStore store = Stores.insights(database)) {
                Stores.service(store)
                        .importInsights(List.of(
                                Insights.inAccount("abc", ACCOUNT),
                                Insights.inAccount("risk", ACCOUNT),
                                Insights.inAccount("unsealed", ACCOUNT),
                                Insights.inAccount("stale", ACCOUNT),
                                Insights.inZone("zoned", ACCOUNT, ZONE)));
            }
            otherAccount = token(database, "other", Permission.EDIT, OTHER_ACCOUNT);
            budgeted = token(database, "budgeted", Permission.READ, ACCOUNT);
            unknownZone = token(database, "unknown-zone", Permission.EDIT, Set.of(), Set.of(UNKNOWN_ZONE));
        }
        server = Main.start(
                null,
                dataDir,
                new ServerOptions(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        RateLimit.CLOUDFLARE,
                        null,
                        null,
                        Duration.ZERO, // never seals: the checkpoint and the proofs answer as before the first seal
                        ServerOptions.EXPIRE_EVERY,
                        ExpiryPolicy.NONE.requiring(Classification.ACCEPT_RISK, Duration.ofDays(90)),
                        null,
                        false,
                        List.of(),
                        List.of()));
        wire = new Wire(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedExample_isWhatTheServerAnswers() {
        Map<String, Request> cases = cases();
        return EXAMPLES.stream()
                .filter(example -> cases.containsKey(example.text()))
                .map(example -> DynamicTest.dynamicTest(
                        example.name(),
                        () -> check(example, cases.get(example.text()).send())));
    }

    @Test
    void everyDocumentedExample_isSentOrExcused() {
        Set<String> sent = cases().keySet();
        assertThat(EXAMPLES).isNotEmpty();
        assertThat(EXAMPLES.stream()
                        .filter(example -> !sent.contains(example.text()) && !NOT_SENT.containsKey(example.text()))
                        .map(ErrorsTable.Example::name))
                .as("docs/errors.md examples neither sent nor excused")
                .isEmpty();
    }

    @Test
    void everyCaseAndExcuse_isADocumentedExample() {
        List<String> documented =
                EXAMPLES.stream().map(ErrorsTable.Example::text).toList();
        assertThat(documented).doesNotHaveDuplicates();
        assertThat(documented).as("cases").containsAll(cases().keySet());
        assertThat(documented).as("excuses").containsAll(NOT_SENT.keySet());
        assertThat(cases().keySet()).as("sent and excused").doesNotContainAnyElementsOf(NOT_SENT.keySet());
    }

    /** Every example sent, by its exact text in docs/errors.md. */
    private static Map<String, Request> cases() {
        String patchAbc = INSIGHTS + "/abc/classification";
        return Map.ofEntries(
                Map.entry(
                        "request body is not valid JSON (line 1, column 19)",
                        () -> patch(patchAbc, "{\"classification\":}")),
                Map.entry(
                        "field 'classification' appears more than once",
                        () -> patch(patchAbc, "{\"classification\":null,\"classification\":null}")),
                Map.entry(
                        "classification must be 'false_positive', 'accept_risk', 'other' or null; got 'FALSE_POSITIVE'",
                        () -> patch(patchAbc, "{\"classification\":\"FALSE_POSITIVE\"}")),
                Map.entry(
                        "classification is required: one of 'false_positive', 'accept_risk', 'other', or null to reset",
                        () -> patch(patchAbc, "{}")),
                Map.entry(
                        "rationale is required when classification is 'accept_risk'",
                        () -> patch(patchAbc, "{\"classification\":\"accept_risk\"}")),
                Map.entry(
                        "rationale must not be blank when classification is 'other'",
                        () -> patch(patchAbc, "{\"classification\":\"other\",\"rationale\":\"  \"}")),
                Map.entry(
                        "rationale is 5000 characters long; the limit is 4096",
                        () -> patch(
                                patchAbc, "{\"classification\":\"other\",\"rationale\":\"" + "r".repeat(5000) + "\"}")),
                Map.entry(
                        "unknown field 'dismissed'; the body takes 'classification', 'rationale' and 'expires_on'",
                        () -> patch(patchAbc, "{\"dismissed\":true}")),
                Map.entry(
                        "Content-Type must be application/json; none was sent",
                        () -> wire.send("PATCH", patchAbc, "{\"classification\":null}".getBytes(UTF_8), auth(edit))),
                Map.entry(
                        "request body is larger than 65536 bytes",
                        // refused by its declared length, unread: sent, the body could reset the connection first
                        () -> wire.raw(head("PATCH", patchAbc, "Content-Length: 70000"), "", false)),
                Map.entry(
                        "request body ended before its Content-Length, or was not sent within the read timeout",
                        () -> wire.raw(head("PATCH", patchAbc, "Content-Length: 100"), "{\"classification\":", true)),
                Map.entry("unknown query parameter 'foo'; this endpoint takes …", () -> get(INSIGHTS + "?foo=1", edit)),
                Map.entry("… takes no query parameters", () -> get(INSIGHTS + "/abc/context?foo=1", edit)),
                Map.entry(
                        "per_page must be an integer from 1 to 1000; got '0'",
                        () -> get(INSIGHTS + "?per_page=0", edit)),
                Map.entry(
                        "cursor is not valid for this query: pass back result_info.cursor unchanged, with the same filters",
                        () -> get(INSIGHTS + "/audit-log?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", edit)),
                Map.entry(
                        "request URL is 9000 characters long; the limit is 8192",
                        () -> get(
                                INSIGHTS + "?subject=" + "a".repeat(9000 - INSIGHTS.length() - "?subject=".length()),
                                edit)),
                Map.entry(
                        "request has 120 header fields; the limit is 100",
                        () -> wire.raw(headerFields(120), "", false)),
                Map.entry(
                        "rationale is not well-formed Unicode: a lone surrogate \\ud800 at character 2",
                        () -> patch(patchAbc, "{\"classification\":\"other\",\"rationale\":\"a\\ud800\"}")),
                Map.entry(
                        "rationale is not well-formed Unicode: invalid UTF-8 at byte 40 of the request body (0xC0 0xAF: an overlong encoding)",
                        DocumentedErrorMessagesTest::overlongRationale),
                Map.entry(
                        "query parameter 'subject' is not well-formed Unicode: the noncharacter U+FFFF at character 1",
                        () -> get(INSIGHTS + "?subject=%EF%BF%BF", edit)),
                Map.entry(
                        "expires_on must be in the future; 2020-01-01T00:00:00Z is not after …",
                        () -> patch(
                                patchAbc,
                                "{\"classification\":\"false_positive\",\"expires_on\":\"2020-01-01T00:00:00Z\"}")),
                Map.entry(
                        "expires_on may be at most 90d ahead (policy --require-expiry accept_risk=90d); …",
                        () -> patch(patchAbc, acceptRiskUntil(Instant.now().plus(Duration.ofDays(91))))),
                Map.entry(
                        "this server requires 'accept_risk' to expire within 90d (policy --require-expiry accept_risk=90d): send expires_on",
                        () -> patch(patchAbc, "{\"classification\":\"accept_risk\",\"rationale\":\"known\"}")),
                Map.entry(
                        "insight 'abc' not found",
                        () -> patch(
                                API + "/zones/" + ZONE + "/security-center/insights/abc/classification",
                                "{\"classification\":null}")),
                Map.entry(
                        "insight 'abc' has no extended context (has_extended_context is false)",
                        () -> get(INSIGHTS + "/abc/context", edit)),
                Map.entry(
                        "audit entry '01938a5e-…' not found",
                        () -> get(
                                API + "/vigil/accounts/" + ACCOUNT
                                        + "/audit/entries/01938a5e-1c2d-7e3f-8a4b-5c6d7e8f9a0b/proof",
                                edit)),
                Map.entry(
                        "the change log has no sealed entry yet; seals are made every second",
                        () -> get(API + "/vigil/audit/checkpoint", edit)),
                Map.entry(
                        "classification is 'accept_risk'; reset it to null before setting 'other'",
                        DocumentedErrorMessagesTest::changeFromAcceptRiskToOther),
                Map.entry(
                        "audit entry '…' is not sealed yet; seals are made every second, retry",
                        DocumentedErrorMessagesTest::proofOfAnUnsealedEntry),
                Map.entry(
                        "2 of 51 insights would be refused, so nothing changed: bulk-8: classification is 'false_positive'; reset it to null before setting 'other'; other-52: insight 'other-52' not found",
                        DocumentedErrorMessagesTest::bulkWithTwoRefusals),
                Map.entry(
                        "some of these insights changed since the preview (if_unchanged_since); nothing changed: preview again",
                        DocumentedErrorMessagesTest::bulkAfterAChangeSinceItsPreview),
                Map.entry(
                        "url is refused: the target's host '169.254.169.254' resolves to 169.254.169.254, which is not a public address (loopback, private, link-local or metadata); an operator may allow private targets",
                        () -> post(WEBHOOKS, "{\"url\":\"https://169.254.169.254/latest/meta-data\"}")),
                Map.entry(
                        "webhook subscription '0123…' not found",
                        () -> get(WEBHOOKS + "/0123456789abcdef0123456789abcdef", edit)),
                Map.entry(
                        "account 'aaaa…' has 25 webhook subscriptions; remove one first",
                        DocumentedErrorMessagesTest::aTwentySixthWebhook),
                Map.entry(
                        "Rate limit exceeded: 1200 requests per 300 seconds; retry in … seconds",
                        DocumentedErrorMessagesTest::overTheRateLimit),
                Map.entry(
                        "scan quota spent: account '…' started 5 scans in the last 24 hours, the most allowed; the next"
                                + " may start in … seconds",
                        DocumentedErrorMessagesTest::aSixthScan),
                Map.entry(
                        "a scan takes issue_type or issue_class, not both; send {} to scan every issue type",
                        () -> post(SCANS, "{\"issue_type\":\"email_security\",\"issue_class\":\"x\"}")),
                Map.entry(
                        "zone '9999…' not found: a zone's scans count against its account, which Vigil knows once"
                                + " insights of the zone are imported or synced",
                        () -> get(API + "/zones/" + UNKNOWN_ZONE + "/security-center/insights/scans", unknownZone)),
                Map.entry(
                        "Invalid request headers",
                        () -> wire.send("GET", INSIGHTS, null, "Authorization", "Bearer not a token")),
                Map.entry(
                        "Invalid request headers: Authorization must be sent once, not 2 times",
                        () -> wire.send(
                                "GET",
                                INSIGHTS,
                                null,
                                "Authorization",
                                "Bearer " + edit,
                                "Authorization",
                                "Bearer " + edit)),
                Map.entry(
                        "Invalid format for X-Auth-Email header",
                        () -> wire.send(
                                "GET", INSIGHTS, null, "X-Auth-Email", "not-an-address", "X-Auth-Key", "0".repeat(37))),
                Map.entry(
                        "Invalid format for X-Auth-Key header",
                        () -> wire.send(
                                "GET", INSIGHTS, null, "X-Auth-Email", "user@example.com", "X-Auth-Key", "short")),
                Map.entry(
                        "Invalid format for Authorization header",
                        () -> wire.send("GET", INSIGHTS, null, "Authorization", "Basic dXNlcjpwYXNz")),
                Map.entry("No route for that URI", () -> get(API + "/no-such-route", edit)),
                Map.entry(
                        "Method GET not allowed; this route takes PATCH",
                        () -> get(INSIGHTS + "/abc/classification", edit)),
                Map.entry(
                        "Could not route to /accounts/acme/security-center/insights/x/classification, perhaps your object identifier is invalid?",
                        () -> wire.send(
                                "PATCH",
                                API + "/accounts/acme/security-center/insights/x/classification",
                                "{\"classification\":null}".getBytes(UTF_8),
                                json(auth(edit)))),
                Map.entry(
                        "Unknown X-Auth-Key or X-Auth-Email",
                        () -> wire.send(
                                "GET",
                                INSIGHTS,
                                null,
                                "X-Auth-Email",
                                "user@example.com",
                                "X-Auth-Key",
                                "0".repeat(37))),
                Map.entry(
                        "Missing X-Auth-Key, X-Auth-Email or Authorization headers",
                        () -> wire.send("GET", INSIGHTS, null)),
                Map.entry("Invalid access token", () -> get(INSIGHTS, Secrets.newToken())),
                Map.entry("Authentication error", () -> get(INSIGHTS, otherAccount)));
    }

    private static void check(ErrorsTable.Example example, Wire.Answer answer) {
        String body = answer.body().toString();
        assertThat(answer.status()).as("status of %s", body).isEqualTo(example.status());
        JsonNode error = answer.body().path("errors").path(0);
        if (example.inErrorChain()) {
            assertThat(error.path("code").asInt()).as("code of %s", body).isEqualTo(6003);
            error = error.path("error_chain").path(0);
        }
        assertThat(error.path("code").asInt()).as("code of %s", body).isEqualTo(example.code());
        assertThat(error.path("message").asText()).as("message of %s", body).matches(example.pattern());
    }

    private static Wire.Answer overlongRationale() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"classification\":\"other\",\"rationale\":\"".getBytes(UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        body.writeBytes("\"}".getBytes(UTF_8));
        return wire.send("PATCH", INSIGHTS + "/abc/classification", body.toByteArray(), json(auth(edit)));
    }

    private static Wire.Answer changeFromAcceptRiskToOther() throws Exception {
        succeeds(patch(
                INSIGHTS + "/risk/classification", acceptRiskUntil(Instant.now().plus(Duration.ofDays(30)))));
        return patch(INSIGHTS + "/risk/classification", "{\"classification\":\"other\",\"rationale\":\"known\"}");
    }

    private static Wire.Answer proofOfAnUnsealedEntry() throws Exception {
        succeeds(patch(INSIGHTS + "/unsealed/classification", "{\"classification\":\"false_positive\"}"));
        Wire.Answer log = succeeds(get(INSIGHTS + "/unsealed/audit-log", edit));
        String entry = log.body().path("result").path(0).path("id").asText();
        return get(API + "/vigil/accounts/" + ACCOUNT + "/audit/entries/" + entry + "/proof", edit);
    }

    private static Wire.Answer bulkWithTwoRefusals() throws Exception {
        succeeds(patch(INSIGHTS + "/bulk-8/classification", "{\"classification\":\"false_positive\"}"));
        List<String> ids = new ArrayList<>(
                IntStream.range(0, 50).mapToObj(i -> "\"bulk-" + i + "\"").toList());
        ids.add("\"other-52\"");
        return post(
                BULK + "/classification",
                "{\"ids\":[" + String.join(",", ids) + "],\"classification\":\"other\",\"rationale\":\"known\"}");
    }

    private static Wire.Answer bulkAfterAChangeSinceItsPreview() throws Exception {
        Wire.Answer preview = succeeds(post(BULK + "/dismiss", "{\"ids\":[\"stale\"],\"dry_run\":true}"));
        String token = preview.body().path("result").path("states_token").asText();
        succeeds(put(INSIGHTS + "/stale/dismiss", "{\"dismiss\":true}"));
        return post(BULK + "/dismiss", "{\"ids\":[\"stale\"],\"if_unchanged_since\":\"" + token + "\"}");
    }

    private static Wire.Answer aTwentySixthWebhook() throws Exception {
        int existing = succeeds(get(WEBHOOKS, edit)).body().path("result").size();
        for (int i = existing; i < 25; i++) {
            succeeds(post(WEBHOOKS, "{\"url\":\"https://192.0.2.10/hook-" + i + "\"}"));
        }
        return post(WEBHOOKS, "{\"url\":\"https://192.0.2.10/hook-25\"}");
    }

    private static Wire.Answer overTheRateLimit() throws Exception {
        for (int i = 0; i < RateLimit.CLOUDFLARE.requests(); i++) {
            succeeds(get(API + "/accounts", budgeted));
        }
        return get(API + "/accounts", budgeted);
    }

    /** The account's five scans of the day, then one more. */
    private static Wire.Answer aSixthScan() throws Exception {
        for (int i = 0; i < 5; i++) {
            succeeds(post(SCANS, "{}"));
        }
        return post(SCANS, "{}");
    }

    private static String acceptRiskUntil(Instant expiresOn) {
        return "{\"classification\":\"accept_risk\",\"rationale\":\"known\",\"expires_on\":\"" + expiresOn + "\"}";
    }

    private static Wire.Answer succeeds(Wire.Answer answer) {
        assertThat(answer.status())
                .as("setup request answered %s", answer.body())
                .isEqualTo(200);
        return answer;
    }

    private static Wire.Answer get(String path, String token) throws Exception {
        return wire.send("GET", path, null, auth(token));
    }

    private static Wire.Answer patch(String path, String body) throws Exception {
        return wire.send("PATCH", path, body.getBytes(UTF_8), json(auth(edit)));
    }

    private static Wire.Answer post(String path, String body) throws Exception {
        return wire.send("POST", path, body.getBytes(UTF_8), json(auth(edit)));
    }

    private static Wire.Answer put(String path, String body) throws Exception {
        return wire.send("PUT", path, body.getBytes(UTF_8), json(auth(edit)));
    }

    private static String[] auth(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String[] json(String... headers) {
        return Stream.concat(Stream.of(headers), Stream.of("Content-Type", JSON_TYPE))
                .toArray(String[]::new);
    }

    /** The head of a request with an edit token and a JSON body, ending in {@code extra} and a blank line. */
    private static String head(String method, String path, String extra) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + edit
                + "\r\nContent-Type: " + JSON_TYPE + "\r\nConnection: close\r\n" + extra + "\r\n\r\n";
    }

    /** A GET of the insight list with exactly {@code count} header fields. */
    private static String headerFields(int count) {
        List<String> fields =
                new ArrayList<>(List.of("Host: 127.0.0.1", "Authorization: Bearer " + edit, "Connection: close"));
        while (fields.size() < count) {
            fields.add("X-Field-" + fields.size() + ": " + fields.size());
        }
        return "GET " + INSIGHTS + " HTTP/1.1\r\n" + String.join("\r\n", fields) + "\r\n\r\n";
    }

    private static String token(Database database, String name, Permission permission, String account) {
        return token(database, name, permission, Set.of(account), Set.of());
    }

    private static String token(
            Database database, String name, Permission permission, Set<String> accounts, Set<String> zones) {
        String secret = Secrets.newToken();
        new JdbcCredentialStore(database)
                .save(new ApiToken(
                        Secrets.newId(), name, Secrets.hash(secret), permission, accounts, zones, Instant.now(), null));
        return secret;
    }
}
