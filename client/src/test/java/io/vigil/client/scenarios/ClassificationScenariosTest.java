package io.vigil.client.scenarios;

import static io.vigil.client.scenarios.Compat.ACCOUNT;
import static io.vigil.client.scenarios.Compat.assertOk;
import static io.vigil.client.scenarios.Compat.json;
import static io.vigil.client.scenarios.Compat.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vigil.client.BadRequestException;
import io.vigil.client.Classification;
import io.vigil.client.ClassificationUpdate;
import io.vigil.client.ConflictException;
import io.vigil.client.Insights;
import io.vigil.client.InsightsClient;
import io.vigil.client.NotFoundException;
import io.vigil.client.RecordingHttpClient.Exchange;
import io.vigil.client.scenarios.Compat.Scope;
import io.vigil.client.scenarios.Compat.Session;
import io.vigil.junit.Vigil;
import io.vigil.junit.VigilTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * compat/test/classification.test.js: {@code PATCH /{accounts|zones}/{id}/security-center/insights/{issue_id}/
 * classification}. Each test owns one fixture insight, so the life cycles do not interfere.
 */
@VigilTest(accountId = ACCOUNT)
class ClassificationScenariosTest {
    static Compat compat;

    @BeforeAll
    static void start(Vigil vigil) {
        compat = Compat.start(vigil);
    }

    @AfterAll
    static void stop() {
        compat.close();
    }

    private static String path(Scope scope, String issueId) {
        return scope.path() + "/security-center/insights/" + issueId + "/classification";
    }

    /** Checks the HTTP request the client made for one classification. */
    private static void assertPatch(Exchange call, String path, String body) {
        assertThat(call.method()).isEqualTo("PATCH");
        assertThat(call.path()).isEqualTo(path);
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(call.header("Accept")).isEqualTo("application/json");
        assertThat(json(call.body())).isEqualTo(json(body));
        assertOk(call);
    }

    /** A refused direct change: ConflictException 409 / 1200, marked non-retryable, and sent exactly once. */
    private static void assertRefusedDirectChange(
            Session s, Scope scope, String issueId, Classification to, @Nullable String rationale, String from) {
        int before = s.calls().count();
        ConflictException e =
                rejects(ConflictException.class, () -> s.insights(scope).classify(issueId, to, rationale));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.errors()).hasSize(1);
        assertThat(e.code()).isEqualTo(1200);
        assertThat(e.errors().get(0).message())
                .isEqualTo("classification is '" + from + "'; reset it to null before setting '" + to.wireName() + "'");
        List<Exchange> made = s.calls().since(before);
        assertThat(made)
                .as("x-should-retry: false stops the client's retry of a 409")
                .hasSize(1);
        assertThat(made.get(0).responseHeader("x-should-retry")).isEqualTo("false");
    }

    @Nested
    class AccountPathApiToken {
        @Test
        void classify_lifeCycle_setResetRefusedDirectChangeSetOther() {
            Session s = compat.client(compat.edit);
            Insights insights = s.insights(Scope.ACCOUNT_SCOPE);
            String id = Compat.ACCT_2FA;
            String path = path(Scope.ACCOUNT_SCOPE, id);

            insights.classify(id, Classification.FALSE_POSITIVE, null);
            assertPatch(s.calls().last(), path, "{\"classification\":\"false_positive\"}");
            assertThat(s.calls().last().header("Authorization")).isEqualTo("Bearer " + compat.edit.secret());
            assertThat(s.calls().last().header("X-Auth-Email")).isNull();
            assertThat(s.calls().last().header("X-Auth-Key")).isNull();

            insights.classify(id, Classification.FALSE_POSITIVE, null); // setting the current value again succeeds
            assertOk(s.calls().last());

            assertRefusedDirectChange(
                    s,
                    Scope.ACCOUNT_SCOPE,
                    id,
                    Classification.ACCEPT_RISK,
                    "compensating control: SSO enforced",
                    "false_positive");

            insights.resetClassification(id);
            assertPatch(s.calls().last(), path, "{\"classification\":null}");
            insights.resetClassification(id); // resetting an unclassified insight succeeds
            assertOk(s.calls().last());

            insights.classify(id, Classification.OTHER, "service account, tracked in SEC-42");
            assertPatch(
                    s.calls().last(),
                    path,
                    "{\"classification\":\"other\",\"rationale\":\"service account, tracked in SEC-42\"}");

            assertRefusedDirectChange(s, Scope.ACCOUNT_SCOPE, id, Classification.FALSE_POSITIVE, null, "other");
            insights.classify(id, new ClassificationUpdate(null, "reopened", null));
            assertOk(s.calls().last());
            insights.classify(id, Classification.ACCEPT_RISK, "accepted until Q3");
            assertOk(s.calls().last());
            assertThat(s.calls().count()).as("no call was retried").isEqualTo(9);
        }

        @Test
        void classify_aZonesInsightThroughItsAccountsPath_importedAsAcceptRisk() {
            Session s = compat.client(compat.edit);
            String id = Compat.ZONE_ORIGIN_ACCEPTED;
            assertRefusedDirectChange(s, Scope.ACCOUNT_SCOPE, id, Classification.OTHER, "x", "accept_risk");
            s.insights(Scope.ACCOUNT_SCOPE).resetClassification(id);
            assertPatch(s.calls().last(), path(Scope.ACCOUNT_SCOPE, id), "{\"classification\":null}");
            s.insights(Scope.ACCOUNT_SCOPE).classify(id, Classification.FALSE_POSITIVE, null);
            assertOk(s.calls().last());
        }
    }

    @Nested
    class ZonePathApiToken {
        @Test
        void classify_lifeCycle_withTheAccountsEditToken() {
            Session s = compat.client(compat.edit);
            String id = Compat.ZONE_HTTPS;
            Insights insights = s.insights(Scope.ZONE_SCOPE);

            insights.classify(id, Classification.ACCEPT_RISK, "legacy clients need plain HTTP");
            assertPatch(
                    s.calls().last(),
                    path(Scope.ZONE_SCOPE, id),
                    "{\"classification\":\"accept_risk\",\"rationale\":\"legacy clients need plain HTTP\"}");
            insights.classify(id, Classification.ACCEPT_RISK, "a different reason"); // idempotent re-set
            assertOk(s.calls().last());
            assertRefusedDirectChange(s, Scope.ZONE_SCOPE, id, Classification.FALSE_POSITIVE, null, "accept_risk");
            insights.resetClassification(id);
            assertOk(s.calls().last());
            insights.classify(id, Classification.OTHER, "handled by the WAF");
            assertOk(s.calls().last());
        }

        @Test
        void classify_lifeCycle_withAZoneScopedEditToken() {
            Session s = compat.client(compat.zoneEdit);
            String id = Compat.ZONE_DNSSEC;
            Insights insights = s.insights(Scope.ZONE_SCOPE);
            insights.classify(id, Classification.FALSE_POSITIVE, "DNSSEC is on at the registrar");
            assertPatch(
                    s.calls().last(),
                    path(Scope.ZONE_SCOPE, id),
                    "{\"classification\":\"false_positive\",\"rationale\":\"DNSSEC is on at the registrar\"}");
            assertRefusedDirectChange(s, Scope.ZONE_SCOPE, id, Classification.OTHER, "x", "false_positive");
            insights.resetClassification(id);
            assertOk(s.calls().last());
        }

        @Test
        void classify_anAccountLevelInsightOnTheZonePath_notFound1100() {
            Session s = compat.client(compat.edit);
            NotFoundException e = rejects(
                    NotFoundException.class,
                    () -> s.insights(Scope.ZONE_SCOPE)
                            .classify(Compat.ACCT_DMARC, Classification.FALSE_POSITIVE, null));
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo(1100);
            assertThat(e.errors().get(0).message()).isEqualTo("insight '" + Compat.ACCT_DMARC + "' not found");
            assertThat(s.calls().count()).isEqualTo(1);
        }
    }

    @Nested
    class EmailAndGlobalKey {
        @Test
        void classify_lifeCycle_onTheAccountPath() {
            Session s = compat.client(compat.member);
            String id = Compat.ACCT_TOKEN;
            Insights insights = s.insights(Scope.ACCOUNT_SCOPE);

            insights.classify(id, Classification.FALSE_POSITIVE, null);
            Exchange sent = s.calls().last();
            assertPatch(sent, path(Scope.ACCOUNT_SCOPE, id), "{\"classification\":\"false_positive\"}");
            assertThat(sent.header("X-Auth-Email")).isEqualTo(Compat.MEMBER_EMAIL);
            assertThat(sent.header("X-Auth-Key")).isEqualTo(compat.member.key());
            assertThat(sent.header("Authorization")).isNull();

            insights.classify(id, Classification.FALSE_POSITIVE, null);
            assertRefusedDirectChange(s, Scope.ACCOUNT_SCOPE, id, Classification.OTHER, "x", "false_positive");
            insights.resetClassification(id);
            insights.classify(id, Classification.OTHER, "rotated by the vault, no expiry needed");
            assertOk(s.calls().last());
        }

        /** The SDK sends the colons as they are; the Java client percent-encodes them, and Vigil decodes them. */
        @Test
        void classify_lifeCycle_onTheZonePath_withAnIdWithColons() {
            Session s = compat.client(compat.member);
            String id = Compat.ZONE_COLON_ID;
            Insights insights = s.insights(Scope.ZONE_SCOPE);
            insights.classify(id, Classification.ACCEPT_RISK, "old clients");
            assertThat(s.calls().last().path()).isEqualTo(path(Scope.ZONE_SCOPE, "compat%3Azone%3Amin-tls-1.0"));
            assertOk(s.calls().last());
            assertRefusedDirectChange(s, Scope.ZONE_SCOPE, id, Classification.FALSE_POSITIVE, null, "accept_risk");
            insights.resetClassification(id);
            insights.classify(id, Classification.FALSE_POSITIVE, null);
            assertOk(s.calls().last());
        }
    }

    @Nested
    class BadRequests {
        @Test
        void classify_acceptRiskWithoutARationale_badRequest1004AtRationale() {
            withoutRationale(Classification.ACCEPT_RISK);
        }

        @Test
        void classify_otherWithoutARationale_badRequest1004AtRationale() {
            withoutRationale(Classification.OTHER);
        }

        private void withoutRationale(Classification classification) {
            Session s = compat.client(compat.edit);
            for (String rationale : new String[] {null, "", "   "}) {
                BadRequestException e = rejects(
                        BadRequestException.class,
                        () -> s.insights(Scope.ACCOUNT_SCOPE).classify(Compat.ACCT_DMARC, classification, rationale));
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errors()).hasSize(1);
                assertThat(e.code()).isEqualTo(1004);
                assertThat(e.errors().get(0).message())
                        .isEqualTo(
                                rationale == null
                                        ? "rationale is required when classification is '" + classification.wireName()
                                                + "'"
                                        : "rationale must not be blank when classification is '"
                                                + classification.wireName() + "'");
                assertThat(e.errors().get(0).pointer()).isEqualTo("/rationale");
                assertThat(s.calls().last().responseHeader("x-should-retry")).isEqualTo("false");
            }
            assertThat(s.calls().count()).as("one attempt per call").isEqualTo(3);
            // Nothing changed: the insight can still be reset from unclassified.
            s.insights(Scope.ACCOUNT_SCOPE).resetClassification(Compat.ACCT_DMARC);
            assertOk(s.calls().last());
        }

        /**
         * The SDK's own example sends {@code {}} (no classification) and gets 1003 at {@code /classification}. The
         * Java client's body always holds {@code classification}: a reset sends it as {@code null}, explicitly.
         */
        @Test
        void classify_theBodyAlwaysHoldsClassification_soTheSdksEmptyBodyCannotBeSent() {
            Session s = compat.client(compat.edit);
            s.insights(Scope.ACCOUNT_SCOPE).classify(Compat.ACCT_DMARC, ClassificationUpdate.reset());
            assertThat(s.calls().last().body()).isEqualTo("{\"classification\":null}");
            assertThat(s.calls().last().header("Content-Type")).isEqualTo("application/json");
            assertOk(s.calls().last());
        }

        @Test
        void classify_anUnknownInsight_notFound1100_onBothPaths() {
            Session s = compat.client(compat.edit);
            for (Scope scope : Scope.BOTH) {
                NotFoundException e = rejects(
                        NotFoundException.class,
                        () -> s.insights(scope).classify("no-such-insight", Classification.FALSE_POSITIVE, null));
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.code()).isEqualTo(1100);
                assertThat(e.errors().get(0).message()).isEqualTo("insight 'no-such-insight' not found");
                assertThat(s.calls().last().responseHeader("x-should-retry")).isEqualTo("false");
            }
        }

        @Test
        void classify_anotherAccountsInsightThroughOnesOwnAccountPath_notFound_andUnchanged() {
            for (Session s : List.of(compat.client(compat.edit), compat.client(compat.member))) {
                NotFoundException e = rejects(
                        NotFoundException.class,
                        () -> s.insights(Scope.ACCOUNT_SCOPE)
                                .classify(Compat.OTHER_2FA, Classification.FALSE_POSITIVE, null));
                assertThat(e.code()).isEqualTo(1100);
                assertThat(e.errors().get(0).message()).isEqualTo("insight '" + Compat.OTHER_2FA + "' not found");
            }
            // ...and it was not changed: its own account can still move it from unclassified to accept_risk.
            Session theirs = compat.client(compat.otherAccount);
            theirs.insights(Scope.account(Compat.OTHER_ACCOUNT))
                    .classify(Compat.OTHER_2FA, Classification.ACCEPT_RISK, "theirs");
            assertOk(theirs.calls().last());
        }
    }

    @Nested
    class Control {
        /**
         * Without {@code x-should-retry: false} the client retries a 409 (twice by default): a stub answering Vigil's
         * 409 body minus that header is hit three times. So "one attempt" against Vigil is the header's doing.
         */
        @Test
        void classify_a409WithoutXShouldRetryFalse_isRetried() throws IOException {
            AtomicInteger hits = new AtomicInteger();
            HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            stub.createContext("/", exchange -> {
                hits.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body =
                        "{\"errors\":[{\"code\":1200,\"message\":\"stub\"}],\"messages\":[],\"success\":false,\"result\":null}"
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("retry-after-ms", "1");
                exchange.sendResponseHeaders(409, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            stub.start();
            try (InsightsClient client = InsightsClient.builder()
                    .baseUrl(URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + "/client/v4"))
                    .apiToken("stub")
                    .build()) {
                rejects(
                        ConflictException.class,
                        () -> client.account(ACCOUNT).insights().resetClassification("x"));
                assertThat(hits.get()).isEqualTo(3);
            } finally {
                stub.stop(0);
            }
        }
    }
}
