package io.vigil.http.conformance;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.ZONE;

import io.vigil.auth.Permission;
import io.vigil.auth.Secrets;
import io.vigil.insight.Insight;
import io.vigil.testing.Dataset;
import io.vigil.testing.Insights;
import io.vigil.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Every request the conformance suite makes: for each operation of Cloudflare's document, its successes
 * (with an API token and with a user's email and global key, with and without filters) and each error it
 * can give (docs/errors.md), on account and zone paths. Rate limits are spent on a second server that
 * limits each credential to one request.
 *
 * <p>Writes come first, so that the reads after them see classified and dismissed insights and audit
 * entries of accounts and zones.
 */
final class ExercisePlan {
    static final String ACCOUNT_INSIGHTS = "/accounts/" + ACCOUNT + "/security-center/insights";
    static final String ZONE_INSIGHTS = "/zones/" + ZONE + "/security-center/insights";
    static final String INTEL = "/accounts/" + ACCOUNT + "/intel/attack-surface-report";

    private static final String USER_EMAIL = "conformance@example.com";
    private static final String ELSEWHERE = "cf-elsewhere";
    private static final String NO_CONTEXT = "cf-no-context";
    private static final List<Insight> DATASET = Dataset.insights(60);

    private final TestServer server;
    private final TestServer limited;
    final String edit;
    final String read;
    private final String otherAccount;
    private final String userKey;
    private final List<Call> calls = new ArrayList<>();

    private final String userEmail;

    private ExercisePlan(TestServer server, TestServer limited, String userEmail) {
        this.userEmail = userEmail;
        this.server = server;
        this.limited = limited;
        this.edit = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        this.read = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        this.otherAccount = server.token(Permission.EDIT, Set.of(OTHER_ACCOUNT), Set.of());
        this.userKey = server.user(userEmail, Set.of(ACCOUNT));
    }

    /** Seeds both servers with the same insights and returns the plan's calls, in order. */
    static List<Call> calls(TestServer server, TestServer limited) {
        for (TestServer s : List.of(server, limited)) {
            s.seed(DATASET);
            s.seed(
                    Insights.inAccount("cf-account", ACCOUNT),
                    Insights.inZone("cf-zone", ACCOUNT, ZONE),
                    Insights.inAccount("cf-account-dismiss", ACCOUNT),
                    Insights.inZone("cf-zone-dismiss", ACCOUNT, ZONE),
                    Insights.inAccount("cf-intel-dismiss", ACCOUNT),
                    Insights.inAccount(NO_CONTEXT, ACCOUNT),
                    Insights.inAccount(ELSEWHERE, OTHER_ACCOUNT));
        }
        return new ExercisePlan(server, limited, USER_EMAIL).build();
    }

    /**
     * The calls to the routes Vigil serves beyond Cloudflare's Insights document (the directory, token
     * verification, the OpenAPI document), checked against Vigil's own document only. Call after {@link
     * #calls}, which seeds the servers.
     */
    static List<Call> beyondCloudflare(TestServer server, TestServer limited) {
        ExercisePlan plan = new ExercisePlan(server, limited, "directory@example.com");
        for (String path : List.of("/accounts", "/zones", "/zones?account.id=" + ACCOUNT)) {
            plan.call(server, "GET", path, null, bearer(plan.read), 200, 0);
            plan.call(server, "GET", path, null, plan.user(), 200, 0);
            plan.call(
                    server,
                    "GET",
                    path + (path.contains("?") ? "&" : "?") + "per_page=51",
                    null,
                    bearer(plan.read),
                    400,
                    1010);
            plan.unscopedGuard(path);
        }
        plan.call(server, "GET", "/user/tokens/verify", null, bearer(plan.read), 200, 0);
        plan.call(server, "GET", "/user/tokens/verify?x=1", null, bearer(plan.read), 400, 1010);
        plan.call(server, "GET", "/user/tokens/verify", null, plan.user(), 400, 6003);
        plan.unscopedGuard("/user/tokens/verify");
        plan.call(server, "GET", "/openapi.json", null, List.of(), 200, 0);
        plan.call(server, "GET", "/openapi.json?x=1", null, List.of(), 400, 1010);
        plan.sealedLog();
        plan.expiring();
        plan.bulk();
        plan.syncStatus();
        plan.webhooks();
        return List.copyOf(plan.calls);
    }

    /** Vigil's bulk classification and dismissal: a preview, a refusal that changes nothing, bad bodies, the guard's answers. */
    private void bulk() {
        for (String[] scope : List.of(
                new String[] {"/vigil/accounts/" + ACCOUNT, "cf-account"},
                new String[] {"/vigil/zones/" + ZONE, "cf-zone"})) {
            String path = scope[0] + "/insights/bulk/classification";
            String preview = "{\"ids\":[\"" + scope[1] + "\"],\"classification\":null,\"dry_run\":true}";
            write("POST", path, preview);
            call(server, "POST", path, preview, json(user()), 200, 0);
            call(server, "POST", path, "{\"ids\":[\"no-such-insight\"],\"classification\":null}", edit(), 409, 1203);
            call(server, "POST", path, "{\"ids\":[],\"classification\":null}", edit(), 400, 1002);
            call(server, "POST", path, "{\"classification\":null}", edit(), 400, 1003);
            String dismiss = scope[0] + "/insights/bulk/dismiss";
            String restore = "{\"ids\":[\"" + scope[1] + "\"],\"dismiss\":false,\"dry_run\":true}";
            write("POST", dismiss, restore);
            call(server, "POST", dismiss, restore, json(user()), 200, 0);
            call(server, "POST", dismiss, "{\"ids\":[\"no-such-insight\"]}", edit(), 409, 1203);
            call(server, "POST", dismiss, "{\"ids\":[\"" + scope[1] + "\"],\"dismiss\":1}", edit(), 400, 1002);
        }
    }

    /**
     * Vigil's webhook subscriptions: made, refused (SSRF, bad bodies), listed, read, paused, replayed, removed. The
     * routes of one subscription run on the main server only (the limited one has other subscriptions).
     */
    private void webhooks() {
        String base = "/vigil/accounts/" + ACCOUNT + "/webhooks";
        write(
                "POST",
                base,
                "{\"url\":\"https://192.0.2.10/hook\",\"kinds\":[\"insight.dismissal_changed\"],"
                        + "\"severities\":[\"critical\"],\"zones\":[\"" + ZONE + "\"]}");
        call(server, "POST", base, "{\"url\":\"https://127.0.0.1/hook\"}", edit(), 400, 1300);
        call(server, "POST", base, "{\"url\":\"https://169.254.169.254/latest\"}", edit(), 400, 1300);
        call(server, "POST", base, "{\"url\":\"http://192.0.2.10/hook\"}", edit(), 400, 1300);
        call(server, "POST", base, "{}", edit(), 400, 1003);
        call(server, "POST", base, "{\"url\":\"https://192.0.2.10/\",\"kinds\":[\"x\"]}", edit(), 400, 1002);
        call(server, "POST", base, "{\"url\":\"https://192.0.2.10/\",\"zones\":[\"acme\"]}", edit(), 400, 1002);
        // A well-formed zone id that is not a zone of the account: it would never receive anything.
        call(
                server,
                "POST",
                base,
                "{\"url\":\"https://192.0.2.10/\",\"zones\":[\"" + "f".repeat(32) + "\"]}",
                edit(),
                400,
                1002);
        call(server, "POST", base, "{\"url\":\"https://192.0.2.10/\",\"secret\":\"x\"}", edit(), 400, 1006);
        read(base, List.of("?x=1"));
        String one = base + "/" + server.webhook(ACCOUNT);
        String limitedOne = base + "/" + limited.webhook(ACCOUNT);
        call(server, "GET", one, null, bearer(read), 200, 0);
        call(server, "GET", one, null, user(), 200, 0);
        call(server, "GET", one + "?x=1", null, bearer(read), 400, 1010);
        call(server, "GET", base + "/0123456789abcdef0123456789abcdef", null, bearer(read), 404, 1301);
        call(server, "GET", base + "/nope", null, bearer(read), 400, 7003);
        guarded("GET", one, limitedOne, null, List.of());
        write("PATCH", one, limitedOne, "{\"paused\":true}");
        call(server, "PATCH", one, "{\"paused\":false}", json(user()), 200, 0);
        call(server, "PATCH", one, "{\"paused\":\"yes\"}", edit(), 400, 1002);
        call(server, "PATCH", one, "{}", edit(), 400, 1003);
        call(server, "PATCH", base + "/0123456789abcdef0123456789abcdef", "{\"paused\":true}", edit(), 404, 1301);
        write("POST", one + "/replay", limitedOne + "/replay", "{\"after_position\":0}");
        call(server, "POST", one + "/replay", "{\"since\":\"2026-01-01T00:00:00Z\"}", json(user()), 200, 0);
        call(server, "POST", one + "/replay", "{}", edit(), 400, 1003);
        call(server, "POST", one + "/replay", "{\"since\":\"yesterday\"}", edit(), 400, 1002);
        call(server, "POST", one + "/replay", "{\"after_position\":-1}", edit(), 400, 1002);
        call(
                server,
                "POST",
                base + "/0123456789abcdef0123456789abcdef/replay",
                "{\"after_position\":0}",
                edit(),
                404,
                1301);
        write("POST", one + "/rotate-secret", limitedOne + "/rotate-secret", "{\"overlap_seconds\":60}");
        call(server, "POST", one + "/rotate-secret", "{}", json(user()), 200, 0);
        call(server, "POST", one + "/rotate-secret", "{\"overlap_seconds\":-1}", edit(), 400, 1002);
        call(server, "POST", one + "/rotate-secret", "{\"overlap_seconds\":604801}", edit(), 400, 1002);
        call(server, "POST", one + "/rotate-secret", "{\"overlap\":1}", edit(), 400, 1006);
        call(server, "POST", base + "/0123456789abcdef0123456789abcdef/rotate-secret", "{}", edit(), 404, 1301);
        call(server, "DELETE", one, null, bearer(read), 403, 10000);
        call(server, "DELETE", one + "?x=1", null, bearer(edit), 400, 1010);
        guarded("DELETE", one, limitedOne, null, List.of());
        call(server, "DELETE", one, null, bearer(edit), 200, 0);
        call(server, "DELETE", one, null, bearer(edit), 404, 1301);
        // Another account, filled up to its limit when the plan is made: one more is refused.
        for (int i = 0; i < io.vigil.webhook.Webhooks.MAX_PER_ACCOUNT; i++) {
            server.webhook(OTHER_ACCOUNT);
        }
        call(
                server,
                "POST",
                "/vigil/accounts/" + OTHER_ACCOUNT + "/webhooks",
                "{\"url\":\"https://192.0.2.10/hook\"}",
                json(bearer(otherAccount)),
                409,
                1302);
    }

    /** Vigil's status of the account's scheduled sync: none ran here, so {@code last_run} is null. */
    private void syncStatus() {
        String path = "/vigil/accounts/" + ACCOUNT + "/sync";
        call(server, "GET", path, null, bearer(read), 200, 0);
        call(server, "GET", path + "?x=1", null, bearer(read), 400, 1010);
        guarded("GET", path, null, List.of());
    }

    /** Vigil's list of insights whose classification expires soon, on the classifications of {@link #calls}. */
    private void expiring() {
        for (String scope : List.of("/vigil/accounts/" + ACCOUNT, "/vigil/zones/" + ZONE)) {
            String path = scope + "/insights/expiring";
            call(server, "GET", path, null, bearer(read), 200, 0);
            call(server, "GET", path + "?within_days=3650&page=2&per_page=1", null, user(), 200, 0);
            call(server, "GET", path + "?within_days=-1", null, bearer(read), 400, 1010);
            call(server, "GET", path + "?x=1", null, bearer(read), 400, 1010);
            guarded("GET", path, null, List.of());
        }
    }

    /** The change log's checkpoint and proofs, on the entries the dismissals of {@link #calls} recorded. */
    private void sealedLog() {
        server.seal();
        limited.seal();
        call(server, "GET", "/vigil/audit/checkpoint", null, bearer(read), 200, 0);
        call(server, "GET", "/vigil/audit/checkpoint?x=1", null, bearer(read), 400, 1010);
        unscopedGuard("/vigil/audit/checkpoint");
        call(server, "GET", "/vigil/audit/seals", null, bearer(read), 200, 0);
        call(server, "GET", "/vigil/audit/seals?from=1&per_page=1", null, user(), 200, 0);
        call(server, "GET", "/vigil/audit/seals?from=0", null, bearer(read), 400, 1010);
        call(server, "GET", "/vigil/audit/seals?per_page=1001", null, bearer(read), 400, 1010);
        unscopedGuard("/vigil/audit/seals");
        call(server, "GET", "/vigil/audit/keys", null, bearer(read), 200, 0);
        call(server, "GET", "/vigil/audit/keys?from=1", null, bearer(read), 400, 1010);
        unscopedGuard("/vigil/audit/keys");
        for (String[] scope : List.of(
                new String[] {"/vigil/accounts/" + ACCOUNT, "cf-account-dismiss"},
                new String[] {"/vigil/zones/" + ZONE, "cf-zone-dismiss"})) {
            String entries = scope[0] + "/audit/entries/";
            String path = entries + server.newestEntryId(scope[1]) + "/proof";
            call(server, "GET", path, null, bearer(read), 200, 0);
            call(server, "GET", path, null, user(), 200, 0);
            call(server, "GET", path + "?x=1", null, bearer(read), 400, 1010);
            call(server, "GET", entries + "01900000-0000-7000-8000-000000000000/proof", null, bearer(read), 404, 1102);
            call(server, "GET", entries + "not-an-id/proof", null, bearer(read), 400, 7003);
            call(server, "GET", path, null, List.of(), 401, 9106);
            call(server, "GET", path, null, bearer(otherAccount), 403, 10000);
            List<String> spender = bearer(limited.token(Permission.READ, Set.of(ACCOUNT), Set.of()));
            String limitedPath = entries + limited.newestEntryId(scope[1]) + "/proof";
            call(limited, "GET", limitedPath, null, spender, 200, 0);
            call(limited, "GET", limitedPath, null, spender, 429, 971);
        }
    }

    /** A route any valid credential may call: no credential, an unknown one, and a spent rate limit. */
    private void unscopedGuard(String path) {
        call(server, "GET", path, null, List.of(), 401, 9106);
        call(server, "GET", path, null, bearer(Secrets.newToken()), 401, 9109);
        List<String> spender = bearer(limited.token(Permission.READ, Set.of(ACCOUNT), Set.of()));
        call(limited, "GET", path, null, spender, 200, 0);
        call(limited, "GET", path, null, spender, 429, 971);
    }

    private List<Call> build() {
        classification(ACCOUNT_INSIGHTS, "cf-account");
        classification(ZONE_INSIGHTS, "cf-zone");
        dismiss(ACCOUNT_INSIGHTS, "cf-account-dismiss");
        dismiss(ZONE_INSIGHTS, "cf-zone-dismiss");
        dismiss(INTEL, "cf-intel-dismiss"); // the deprecated twin of the account dismiss
        for (String base : List.of(ACCOUNT_INSIGHTS, ZONE_INSIGHTS)) {
            list(base);
            counts(base);
            auditLog(base + "/audit-log");
            insightAuditLog(base, base.equals(ZONE_INSIGHTS) ? "cf-zone" : "cf-account");
        }
        context();
        // The deprecated intel/attack-surface-report twins of the account's list and counts.
        list(INTEL + "/issues");
        counts(INTEL + "/issues");
        read(INTEL + "/issue-types", List.of("?foo=bar"));
        ScanCalls.add(this, server);
        return List.copyOf(calls);
    }

    // --- the operations ---------------------------------------------------------------------------------

    private void list(String path) {
        read(
                path,
                List.of("?foo=bar", "?per_page=0", "?page=x", "?dismissed=maybe"),
                "?per_page=5&page=2",
                "?severity=critical,moderate&issue_type=exposed_infrastructure&dismissed=true",
                "?issue_class~neq=dnssec_disabled&product=dns&product=ssl&subject=example.com",
                "?per_page=1000&source=cloudflare");
    }

    private void counts(String base) {
        for (String count : List.of("/class", "/severity", "/type")) {
            read(
                    base + count,
                    List.of("?foo=bar", "?severity=urgent", "?page=1"),
                    "?dismissed=true",
                    "?issue_type~neq=weak_authentication&product~neq=dns");
        }
    }

    private void auditLog(String path) {
        read(
                path,
                List.of("?foo=bar", "?order=sideways", "?since=yesterday", "?cursor=forged"),
                "?per_page=1",
                "?field_changed=user_classification&order=asc&since=2020-01-01T00:00:00Z",
                "?changed_by=" + USER_EMAIL.replace("@", "%40") + "&field_changed=status");
    }

    private void insightAuditLog(String base, String issueId) {
        String path = base + "/" + issueId + "/audit-log";
        read(path, List.of("?foo=bar", "?per_page=1001"), "?order=asc&per_page=2");
        missingInsight("GET", base, "/audit-log", null, bearer(read));
    }

    private void context() {
        String withContext = DATASET.stream()
                .filter(i -> i.accountId().equals(ACCOUNT) && i.contextJson() != null)
                .findFirst()
                .orElseThrow()
                .id();
        read(ACCOUNT_INSIGHTS + "/" + withContext + "/context", List.of("?foo=bar"));
        missingInsight("GET", ACCOUNT_INSIGHTS, "/context", null, bearer(read));
        call(server, "GET", ACCOUNT_INSIGHTS + "/" + NO_CONTEXT + "/context", null, bearer(read), 404, 1101);
    }

    private void dismiss(String base, String issueId) {
        String path = base + "/" + issueId + "/dismiss";
        write("PUT", path, "{\"dismiss\":true}");
        call(server, "PUT", path, "{\"dismiss\":false}", json(user()), 200, 0);
        call(server, "PUT", path, null, bearer(edit), 200, 0); // no body: dismisses, as Cloudflare's default
        call(server, "PUT", path, "{}", json(bearer(edit)), 200, 0);
        for (String bad : List.of("{\"dismiss\":\"yes\"}", "[true]")) {
            call(server, "PUT", path, bad, json(bearer(edit)), 400, 1002);
        }
        call(server, "PUT", path, "{\"dismiss\":", json(bearer(edit)), 400, 1001);
        call(server, "PUT", path, "{\"dismissed\":true}", json(bearer(edit)), 400, 1006);
        missingInsight("PUT", base, "/dismiss", "{\"dismiss\":true}", json(bearer(edit)));
    }

    private void classification(String base, String issueId) {
        String path = base + "/" + issueId + "/classification";
        write("PATCH", path, "{\"classification\":\"false_positive\"}");
        call(server, "PATCH", path, "{\"classification\":\"other\",\"rationale\":\"owned by IT\"}", edit(), 409, 1200);
        call(server, "PATCH", path, "{\"classification\":null}", json(user()), 200, 0);
        call(server, "PATCH", path, "{\"classification\":\"accept_risk\",\"rationale\":\"SSO\"}", edit(), 200, 0);
        call(server, "PATCH", path, "{\"classification\":\"false_positive\"}", edit(), 409, 1200);
        call(server, "PATCH", path, "{}", edit(), 400, 1003);
        call(server, "PATCH", path, "{\"classification\":\"FALSE_POSITIVE\"}", edit(), 400, 1002);
        call(server, "PATCH", path, "{\"classification\":\"other\"}", edit(), 400, 1004);
        String novel = "{\"classification\":\"other\",\"rationale\":\"" + "x".repeat(5000) + "\"}";
        call(server, "PATCH", path, novel, edit(), 400, 1005);
        call(server, "PATCH", path, "{\"classification\":null,\"dismissed\":true}", edit(), 400, 1006);
        call(server, "PATCH", path, "{\"classification\":", edit(), 400, 1001);
        missingInsight("PATCH", base, "/classification", "{\"classification\":null}", edit());
    }

    // --- what every operation of a kind gets ---------------------------------------------------------------

    /**
     * A read: successes without and with each query (by token, by user), a 400 for each bad query, and
     * the guard's answers.
     */
    void read(String path, List<String> badQueries, String... queries) {
        call(server, "GET", path, null, bearer(read), 200, 0);
        call(server, "GET", path, null, user(), 200, 0);
        for (String query : queries) {
            call(server, "GET", path + query, null, bearer(read), 200, 0);
        }
        for (String query : badQueries) {
            call(server, "GET", path + query, null, bearer(read), 400, query.startsWith("?cursor") ? 1011 : 1010);
        }
        guarded("GET", path, null, List.of());
    }

    /** A write that succeeds with {@code body}, and every way the request itself can be refused. */
    void write(String method, String path, String body) {
        write(method, path, path, body);
    }

    /** As {@link #write(String, String, String)}, with the path of the same resource on the limited server. */
    private void write(String method, String path, String limitedPath, String body) {
        call(server, method, path, body, edit(), 200, 0);
        call(server, method, path + "?foo=bar", body, edit(), 400, 1010);
        call(server, method, path, body, json(bearer(read)), 403, 10000);
        call(server, method, path, body, bearer(edit), 415, 1007);
        call(
                server,
                method,
                path,
                body,
                List.of("Authorization", "Bearer " + edit, "Content-Type", "text/plain"),
                415,
                1007);
        String huge = "{\"rationale\":\"" + "x".repeat(70_000) + "\"}";
        call(server, method, path, huge, edit(), 413, 1008);
        guarded(method, path, limitedPath, body, List.of("Content-Type", "application/json"));
    }

    /** Unknown insight, another account's insight, malformed insight id: for {@code …/{issue_id}{suffix}}. */
    private void missingInsight(String method, String base, String suffix, @Nullable String body, List<String> auth) {
        call(server, method, base + "/no-such-insight" + suffix, body, auth, 404, 1100);
        call(server, method, base + "/" + ELSEWHERE + suffix, body, auth, 404, 1100);
        call(server, method, base + "/bad!id" + suffix, body, auth, 400, 7003);
    }

    /** What the guard answers before any handler: credentials, permission, rate limit. */
    private void guarded(String method, String path, @Nullable String body, List<String> extra) {
        guarded(method, path, path, body, extra);
    }

    /** As {@link #guarded(String, String, String, List)}, with the path of the resource on the limited server. */
    private void guarded(String method, String path, String limitedPath, @Nullable String body, List<String> extra) {
        call(server, method, path, body, extra, 401, 9106);
        call(server, method, path, body, with(extra, "Authorization", "Bearer " + Secrets.newToken()), 401, 9109);
        List<String> wrongKey = List.of("X-Auth-Email", userEmail, "X-Auth-Key", Secrets.newGlobalKey());
        call(server, method, path, body, with(extra, wrongKey), 401, 9103);
        call(server, method, path, body, with(extra, "Authorization", "Basic " + edit), 400, 6003);
        call(server, method, path, body, with(extra, bearer(otherAccount)), 403, 10000);
        String malformed = path.replace(ACCOUNT, "acme").replace(ZONE, "acme");
        call(server, method, malformed, body, with(extra, bearer(edit)), 400, 7003);
        // One request per credential on the limited server: the first is answered, the second is a 429.
        List<String> spender = with(extra, bearer(limited.token(Permission.EDIT, Set.of(ACCOUNT), Set.of())));
        call(limited, method, limitedPath, body, spender, 200, 0);
        call(limited, method, limitedPath, body, spender, 429, 971);
    }

    // --- requests -------------------------------------------------------------------------------------------

    void call(
            TestServer target,
            String method,
            String path,
            @Nullable String body,
            List<String> headers,
            int status,
            int code) {
        calls.add(new Call(target, method, path, body, headers, status, code));
    }

    static List<String> bearer(String token) {
        return List.of("Authorization", "Bearer " + token);
    }

    List<String> user() {
        return List.of("X-Auth-Email", userEmail, "X-Auth-Key", userKey);
    }

    List<String> edit() {
        return json(bearer(edit));
    }

    static List<String> json(List<String> headers) {
        return with(headers, "Content-Type", "application/json");
    }

    private static List<String> with(List<String> headers, String... more) {
        return with(headers, List.of(more));
    }

    private static List<String> with(List<String> headers, List<String> more) {
        return Stream.concat(headers.stream(), more.stream()).toList();
    }
}
