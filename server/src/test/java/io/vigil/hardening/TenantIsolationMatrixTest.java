package io.vigil.hardening;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT_ZONE;
import static io.vigil.testing.Insights.SIBLING_ZONE;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.auth.Permission;
import io.vigil.http.Route;
import io.vigil.insight.Insight;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route of the server's own route table × every kind of credential, with the exact status each must
 * get; and for every route that names an insight, proof that no answer tells whether another tenant's
 * insight exists. A route the matrix does not know how to call fails the test: a new endpoint cannot be
 * added without being covered here.
 */
class TenantIsolationMatrixTest {
    private static final String A_INSIGHT = "tenant-a-account";
    private static final String A_ZONE_INSIGHT = "tenant-a-zone";
    private static final String A_SIBLING_INSIGHT = "tenant-a-sibling";
    private static final String B_INSIGHT = "tenant-b-account";
    private static final String B_ZONE_INSIGHT = "tenant-b-zone";
    private static final String MEMBER = "member@example.com";
    private static final String STRANGER = "stranger@example.com";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static List<Credential> credentials;

    /** A credential case: the headers it sends, and what it may do. */
    record Credential(String name, List<String> headers, Outcome outcome) {}

    /** What a credential gets on a route of the account or zone it is tested against. */
    enum Outcome {
        MISSING(401, 9106),
        MALFORMED(400, 6003),
        INVALID(401, 9109),
        READ_ONLY(0, 0),
        FULL(200, 0),
        ACCOUNT_ONLY_FOR_ZONE(0, 0),
        DENIED(403, 10000),
        LEGACY_MEMBER(200, 0);

        final int status;
        final int code;

        Outcome(int status, int code) {
            this.status = status;
            this.code = code;
        }
    }

    /** Sealed change-log entries of tenant A: one of the account-level insight, one of the zone's. */
    private static String accountEntry = "";

    private static String zoneEntry = "";

    /** A webhook subscription of tenant A, for the routes of one subscription (DELETE gets a fresh one each time). */
    private static String webhook = "";

    @BeforeAll
    static void seed() {
        server.seed(
                withContext(Insights.inAccount(A_INSIGHT, ACCOUNT)),
                Insights.inZone(A_ZONE_INSIGHT, ACCOUNT, ZONE),
                Insights.inZone(A_SIBLING_INSIGHT, ACCOUNT, SIBLING_ZONE),
                withContext(Insights.inAccount(B_INSIGHT, OTHER_ACCOUNT)),
                Insights.inZone(B_ZONE_INSIGHT, OTHER_ACCOUNT, OTHER_ACCOUNT_ZONE));
        String edit = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        // A sealed change-log entry of the account and one of the zone, for the proof routes.
        for (String path : List.of(
                "/accounts/" + ACCOUNT + "/security-center/insights/" + A_INSIGHT + "/dismiss",
                "/zones/" + ZONE + "/security-center/insights/" + A_ZONE_INSIGHT + "/dismiss")) {
            assertThat(server.send(
                                    "PUT",
                                    path,
                                    "{\"dismiss\":true}",
                                    "Authorization",
                                    "Bearer " + edit,
                                    "Content-Type",
                                    "application/json")
                            .status())
                    .isEqualTo(200);
            assertThat(server.send(
                                    "PUT",
                                    path,
                                    "{\"dismiss\":false}",
                                    "Authorization",
                                    "Bearer " + edit,
                                    "Content-Type",
                                    "application/json")
                            .status())
                    .isEqualTo(200);
        }
        server.seal();
        webhook = server.webhook(ACCOUNT);
        accountEntry = server.newestEntryId(A_INSIGHT);
        zoneEntry = server.newestEntryId(A_ZONE_INSIGHT);
        String revoked = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        server.revoke(revoked);
        String memberKey = server.user(MEMBER, Set.of(ACCOUNT));
        String strangerKey = server.user(STRANGER, Set.of(OTHER_ACCOUNT));
        credentials = List.of(
                new Credential("no credentials", List.of(), Outcome.MISSING),
                new Credential("malformed Authorization", List.of("Authorization", "Token abc"), Outcome.MALFORMED),
                new Credential("unknown token", bearer("U".repeat(40)), Outcome.INVALID),
                new Credential("revoked token", bearer(revoked), Outcome.INVALID),
                new Credential("expired token", bearer(server.expiredToken(ACCOUNT)), Outcome.INVALID),
                new Credential(
                        "read token",
                        bearer(server.token(Permission.READ, Set.of(ACCOUNT), Set.of())),
                        Outcome.READ_ONLY),
                new Credential("edit token", bearer(edit), Outcome.FULL),
                new Credential(
                        "token of another account",
                        bearer(server.token(Permission.EDIT, Set.of(OTHER_ACCOUNT), Set.of())),
                        Outcome.DENIED),
                new Credential(
                        "token of a sibling zone",
                        bearer(server.token(Permission.EDIT, Set.of(), Set.of(SIBLING_ZONE))),
                        Outcome.DENIED),
                new Credential(
                        "zone token (own zone only)",
                        bearer(server.token(Permission.EDIT, Set.of(), Set.of(ZONE))),
                        Outcome.ACCOUNT_ONLY_FOR_ZONE),
                new Credential(
                        "email + key, member",
                        List.of("X-Auth-Email", MEMBER, "X-Auth-Key", memberKey),
                        Outcome.LEGACY_MEMBER),
                new Credential(
                        "email + key, not a member",
                        List.of("X-Auth-Email", STRANGER, "X-Auth-Key", strangerKey),
                        Outcome.DENIED),
                new Credential(
                        "both schemes (the token wins)",
                        List.of("Authorization", "Bearer " + edit, "X-Auth-Email", STRANGER, "X-Auth-Key", strangerKey),
                        Outcome.FULL));
    }

    private static List<String> bearer(String token) {
        return List.of("Authorization", "Bearer " + token);
    }

    private static Insight withContext(Insight insight) {
        return insight.toBuilder()
                .contextJson("{\"details\":\"context\"}")
                .classificationExpiresOn(null)
                .build();
    }

    /** The request a route gets in the matrix: the path filled in for tenant A, and an idempotent body. */
    record Call(String method, String path, String body) {}

    static Call call(Route route, String issueId, String account, String zone) {
        String path = route.pattern()
                .replace("{account_id}", account)
                .replace("{zone_id}", zone)
                .replace("{issue_id}", issueId)
                .replace("{entry_id}", isZoneRoute(route) ? zoneEntry : accountEntry)
                .replace("{webhook_id}", route.method().equals("DELETE") ? server.webhook(account) : webhook);
        assertThat(path)
                .as("the matrix does not know how to fill %s: add it", route.pattern())
                .doesNotContain("{");
        String body = switch (route.method()) {
            case "GET" -> null;
            case "PATCH" -> {
                if (route.pattern().endsWith("{webhook_id}")) {
                    yield "{\"paused\":false}";
                }
                assertThat(route.pattern())
                        .as("a new PATCH route: add its body")
                        .endsWith("/classification");
                yield "{\"classification\":\"false_positive\"}";
            }
            case "PUT" -> {
                assertThat(route.pattern()).as("a new PUT route: add its body").endsWith("/dismiss");
                yield "{\"dismiss\":false}";
            }
            case "POST" -> {
                if (route.pattern().endsWith("/webhooks")) {
                    yield "{\"url\":\"https://192.0.2.10/hook\"}";
                }
                if (route.pattern().endsWith("/replay")) {
                    yield "{\"after_position\":0}";
                }
                if (route.pattern().endsWith("/scans")) {
                    yield "{}";
                }
                if (route.pattern().endsWith("/rotate-secret")) {
                    yield "{}";
                }
                if (route.pattern().endsWith("/bulk/dismiss")) {
                    yield "{\"ids\":[\"" + issueId + "\"],\"dismiss\":true}";
                }
                assertThat(route.pattern()).as("a new POST route: add its body").endsWith("/bulk/classification");
                yield "{\"ids\":[\"" + issueId + "\"],\"classification\":\"false_positive\"}";
            }
            case "DELETE" -> {
                assertThat(route.pattern()).as("a new DELETE route: add it").endsWith("/webhooks/{webhook_id}");
                yield null;
            }
            default -> throw new AssertionError("a new method " + route.method() + ": add it to the matrix");
        };
        return new Call(route.method(), path, body);
    }

    static Reply send(Call call, List<String> credentialHeaders) {
        List<String> headers = new ArrayList<>(credentialHeaders);
        if (call.body() != null) {
            headers.add("Content-Type");
            headers.add("application/json");
        }
        return server.send(call.method(), call.path(), call.body(), headers.toArray(String[]::new));
    }

    static boolean isZoneRoute(Route route) {
        return route.pattern().contains("{zone_id}");
    }

    static boolean isScoped(Route route) {
        return route.pattern().contains("{account_id}") || isZoneRoute(route);
    }

    /** The status (and error code, 0 for none) a credential must get on a route of tenant A. */
    static int[] expected(Route route, Credential credential) {
        Outcome outcome = credential.outcome();
        if (route.pattern().equals("/openapi.json")) { // public: no credential is read
            return new int[] {200, 0};
        }
        if (!isScoped(route) && !route.pattern().equals("/user/tokens/verify")) {
            // /accounts, /zones, /vigil/audit/checkpoint: any valid credential, shown only what it reaches
            return switch (outcome) {
                case MISSING, MALFORMED, INVALID -> new int[] {outcome.status, outcome.code};
                default -> new int[] {200, 0};
            };
        }
        if (!isScoped(route)) { // /user/tokens/verify: any valid bearer token, whatever it reaches
            if (!credential.headers().contains("Authorization")
                    && !credential.headers().isEmpty()) {
                return new int[] {400, 6003}; // email + key: not a token to verify
            }
            return switch (outcome) {
                case MISSING, MALFORMED, INVALID -> new int[] {outcome.status, outcome.code};
                case LEGACY_MEMBER -> new int[] {400, 6003};
                case DENIED, READ_ONLY, FULL, ACCOUNT_ONLY_FOR_ZONE -> new int[] {200, 0};
            };
        }
        boolean write = !route.method().equals("GET");
        return switch (outcome) {
            case READ_ONLY -> write ? new int[] {403, 10000} : new int[] {200, 0};
            case ACCOUNT_ONLY_FOR_ZONE -> isZoneRoute(route) ? new int[] {200, 0} : new int[] {403, 10000};
            default -> new int[] {outcome.status, outcome.code};
        };
    }

    @TestFactory
    Stream<DynamicTest> everyRoute_timesEveryCredential_getsItsExactStatus() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : server.routes()) {
            for (Credential credential : credentials) {
                tests.add(DynamicTest.dynamicTest(
                        route.method() + " " + route.pattern() + " × " + credential.name(), () -> {
                            Call call = call(route, isZoneRoute(route) ? A_ZONE_INSIGHT : A_INSIGHT, ACCOUNT, ZONE);
                            if (route.pattern().endsWith("/scans")) {
                                server.forgetScans(); // the account's 5 a day would otherwise run out
                            }
                            Reply reply = send(call, credential.headers());
                            int[] expected = expected(route, credential);
                            assertThat(reply.status())
                                    .as("%s → %s", call, reply.body())
                                    .isEqualTo(expected[0]);
                            if (expected[1] != 0) {
                                assertThat(reply.json()
                                                .path("errors")
                                                .get(0)
                                                .path("code")
                                                .asInt())
                                        .as(reply.body())
                                        .isEqualTo(expected[1]);
                            }
                            assertThat(reply.header("cf-ray")).isPresent();
                        }));
            }
        }
        System.out.printf(
                "tenant matrix: %d routes × %d credentials = %d cases%n",
                server.routes().size(), credentials.size(), tests.size());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> noAnswer_revealsWhetherAnotherTenantsInsightExists() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : server.routes()) {
            if (!route.pattern().contains("{issue_id}")) {
                continue;
            }
            for (Credential credential : credentials) {
                tests.add(DynamicTest.dynamicTest(
                        route.method() + " " + route.pattern() + " × " + credential.name(), () -> {
                            boolean zone = isZoneRoute(route);
                            // Through tenant A's path: B's insight (and, for zones, A's other zone's) vs. one that
                            // never existed.
                            List<String> elsewhere = zone
                                    ? List.of(B_ZONE_INSIGHT, A_SIBLING_INSIGHT, B_INSIGHT)
                                    : List.of(B_INSIGHT, B_ZONE_INSIGHT);
                            Reply missing = send(call(route, "never-existed", ACCOUNT, ZONE), credential.headers());
                            for (String other : elsewhere) {
                                Reply probe = send(call(route, other, ACCOUNT, ZONE), credential.headers());
                                assertSameAnswer(probe, missing, other + " via tenant A's path");
                            }
                            // Through tenant B's own path, which A's credentials do not reach: B's insight vs. none.
                            Reply foreignMissing = send(
                                    call(route, "never-existed", OTHER_ACCOUNT, OTHER_ACCOUNT_ZONE),
                                    credential.headers());
                            Reply foreign = send(
                                    call(route, zone ? B_ZONE_INSIGHT : B_INSIGHT, OTHER_ACCOUNT, OTHER_ACCOUNT_ZONE),
                                    credential.headers());
                            if (credential.outcome() != Outcome.DENIED) { // B's own credentials may of course see B
                                assertSameAnswer(foreign, foreignMissing, "B's insight via B's path");
                            }
                        }));
            }
        }
        return tests.stream();
    }

    /** Same status, same body, same headers but for the per-request ones. */
    static void assertSameAnswer(Reply probe, Reply baseline, String what) {
        assertThat(probe.status()).as("status for %s: %s", what, probe.body()).isEqualTo(baseline.status());
        assertThat(probe.body().replace(probeId(probe), "ID"))
                .as("body for %s", what)
                .isEqualTo(baseline.body().replace(probeId(baseline), "ID"));
        assertThat(headers(probe)).as("headers for %s", what).isEqualTo(headers(baseline));
    }

    /** The insight id a 404 message quotes: the only part of the body that may differ. */
    private static String probeId(Reply reply) {
        String path = reply.raw().uri().getPath();
        String[] parts = path.split("/", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("insights") || parts[i].equals("attack-surface-report")) {
                return "'" + parts[i + 1] + "'";
            }
        }
        return "\u0000";
    }

    private static Map<String, List<String>> headers(Reply reply) {
        Map<String, List<String>> headers = new TreeMap<>(reply.raw().headers().map());
        headers.keySet().removeAll(Set.of("cf-ray", "date", "content-length"));
        return headers;
    }
}
