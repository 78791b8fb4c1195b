package io.vigil.client.scenarios;

import static io.vigil.client.scenarios.Compat.ACCOUNT;
import static io.vigil.client.scenarios.Compat.assertOk;
import static io.vigil.client.scenarios.Compat.rejects;
import static io.vigil.client.scenarios.Fixture.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.client.AuditLogEntry;
import io.vigil.client.AuditLogQuery;
import io.vigil.client.Classification;
import io.vigil.client.Insight;
import io.vigil.client.InsightQuery;
import io.vigil.client.NotFoundException;
import io.vigil.client.PermissionDeniedException;
import io.vigil.client.RecordingHttpClient.Exchange;
import io.vigil.client.Severity;
import io.vigil.client.ValueCount;
import io.vigil.client.scenarios.Compat.Scope;
import io.vigil.client.scenarios.Compat.Session;
import io.vigil.junit.Vigil;
import io.vigil.junit.VigilTest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * compat/test/dismiss.test.js: {@code PUT …/security-center/insights/{issue_id}/dismiss}. Dismissing archives (the
 * insight leaves the default list and counts; {@code dismissed=true} lists it), restoring brings it back, both
 * idempotent, neither in the audit log. Each test owns the insights it changes and leaves them as it found them.
 */
@VigilTest(accountId = ACCOUNT)
class DismissScenariosTest {
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
        return scope.path() + "/security-center/insights/" + issueId + "/dismiss";
    }

    /** Every insight {@code scope} lists with {@code filters} (one page of up to 1000). */
    private static List<Insight> listed(Session s, Scope scope, InsightQuery.Builder filters) {
        return s.insights(scope).list(filters.perPage(1000).build()).firstPage().items();
    }

    private static List<Insight> listed(Session s, Scope scope) {
        return listed(s, scope, InsightQuery.builder());
    }

    private static InsightQuery.Builder dismissedOnly() {
        return InsightQuery.builder().dismissed(true);
    }

    /** Checks the HTTP request the client made for one dismissal. */
    private static void assertPut(Exchange call, String path, String body) {
        assertThat(call.method()).isEqualTo("PUT");
        assertThat(call.path()).isEqualTo(path);
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(call.body()).isEqualTo(body);
        assertOk(call);
    }

    private static long lowCount(Session s, Scope scope) {
        return s.insights(scope).countBySeverity(InsightQuery.ALL).stream()
                .filter(c -> c.value().equals("Low"))
                .findFirst()
                .orElseThrow()
                .count();
    }

    @Nested
    class RoundTrips {
        /** The SDK's default body is {@code {}}; the Java client always says {@code {"dismiss":true}}. */
        @Test
        void dismiss_accountPath_hiddenListedAsDismissed_thenRestored() {
            Session s = compat.client(compat.edit);
            Scope scope = Scope.ACCOUNT_SCOPE;
            String id = Compat.ACCT_DMARC;
            List<Insight> before = listed(s, scope);
            Insight original =
                    before.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
            assertThat(original.dismissed()).isFalse();
            long lowBefore = lowCount(s, scope);

            s.insights(scope).dismiss(id, true);
            assertPut(s.calls().last(), path(scope, id), "{\"dismiss\":true}");
            assertThat(ids(listed(s, scope))).as("hidden from the default list").doesNotContain(id);
            assertThat(listed(s, scope, dismissedOnly()).stream()
                            .filter(i -> i.id().equals(id))
                            .findFirst())
                    .as("listed with dismissed: true, nothing else changed")
                    .contains(withDismissed(original));
            assertThat(lowCount(s, scope)).as("counts follow the list").isEqualTo(lowBefore - 1);
            assertThat(s.insights(scope)
                            .countBySeverity(
                                    dismissedOnly().severity(Severity.LOW).build()))
                    .containsExactly(new ValueCount("Low", 1));

            s.insights(scope).dismiss(id, true); // dismissing again succeeds
            assertPut(s.calls().last(), path(scope, id), "{\"dismiss\":true}");
            assertThat(ids(listed(s, scope, dismissedOnly()))).contains(id);

            s.insights(scope).dismiss(id, false);
            assertPut(s.calls().last(), path(scope, id), "{\"dismiss\":false}");
            s.insights(scope).dismiss(id, false); // restoring again succeeds
            assertOk(s.calls().last());
            assertThat(listed(s, scope)).as("the default list is as it was").isEqualTo(before);
        }

        @Test
        void dismiss_zonePath_zoneScopedEditToken_theAccountViewFollows() {
            Session s = compat.client(compat.zoneEdit);
            Session accountReader = compat.client(compat.read);
            String id = Compat.ZONE_HTTPS;
            Scope zone = Scope.ZONE_SCOPE;

            s.insights(zone).dismiss(id, true);
            assertPut(s.calls().last(), path(zone, id), "{\"dismiss\":true}");
            assertThat(ids(listed(s, zone))).doesNotContain(id);
            assertThat(ids(listed(accountReader, Scope.ACCOUNT_SCOPE))).doesNotContain(id);
            assertThat(ids(listed(s, zone, dismissedOnly()))).contains(id);
            assertThat(ids(listed(accountReader, Scope.ACCOUNT_SCOPE, dismissedOnly())))
                    .contains(id);

            s.insights(zone).dismiss(id, false);
            assertThat(ids(listed(s, zone))).contains(id);
            assertThat(ids(listed(accountReader, Scope.ACCOUNT_SCOPE))).contains(id);
        }

        @Test
        void dismiss_emailAndGlobalKey_zonePath_anIdWithColons() {
            Session s = compat.client(compat.member);
            String id = Compat.ZONE_COLON_ID;
            s.insights(Scope.ZONE_SCOPE).dismiss(id, true);
            assertThat(s.calls().last().path()).isEqualTo(path(Scope.ZONE_SCOPE, "compat%3Azone%3Amin-tls-1.0"));
            assertThat(s.calls().last().header("X-Auth-Email")).isEqualTo(Compat.MEMBER_EMAIL);
            assertThat(s.calls().last().header("Authorization")).isNull();
            assertThat(ids(listed(s, Scope.ZONE_SCOPE, dismissedOnly().subject("example.com"))))
                    .containsExactly(id);
            // ...and restored through the account path this time.
            s.insights(Scope.ACCOUNT_SCOPE).dismiss(id, false);
            assertThat(s.calls().last().path()).isEqualTo(path(Scope.ACCOUNT_SCOPE, "compat%3Azone%3Amin-tls-1.0"));
            assertThat(ids(listed(s, Scope.ZONE_SCOPE))).contains(id);
        }

        @Test
        void dismiss_anInsightImportedAsDismissed_canBeRestoredAndDismissedAgain() {
            Session s = compat.client(compat.edit);
            String id = Compat.ZONE_WAF_DISMISSED;
            assertThat(ids(listed(s, Scope.ZONE_SCOPE, dismissedOnly()))).containsExactly(id);
            s.insights(Scope.ZONE_SCOPE).dismiss(id, false);
            assertThat(listed(s, Scope.ZONE_SCOPE, dismissedOnly())).isEmpty();
            assertThat(listed(s, Scope.ZONE_SCOPE).get(0).id())
                    .as("the newest insight of the zone is back on top")
                    .isEqualTo(id);
            s.insights(Scope.ZONE_SCOPE).dismiss(id, true);
            assertThat(ids(listed(s, Scope.ZONE_SCOPE, dismissedOnly()))).containsExactly(id);
        }

        @Test
        void dismiss_leavesTheClassificationAlone_andIsNotAudited() {
            Session s = compat.client(compat.edit);
            String id = Compat.ZONE_ORIGIN_ACCEPTED;
            Scope scope = Scope.ACCOUNT_SCOPE;
            s.insights(scope).dismiss(id, true);
            InsightQuery.Builder origin = dismissedOnly().issueClass("exposed_origin_ip");
            assertThat(listed(s, scope, origin).get(0).userClassification()).isEqualTo(Classification.ACCEPT_RISK);

            // A dismissed insight can still be classified, and stays dismissed.
            s.insights(scope).resetClassification(id);
            Insight reset = listed(s, scope, dismissedOnly().issueClass("exposed_origin_ip"))
                    .get(0);
            assertThat(reset.userClassification()).isNull();
            assertThat(reset.dismissed()).isTrue();
            s.insights(scope).dismiss(id, false);

            // No dismissal in this class left a trace in the audit log: the reset above is its only entry.
            List<AuditLogEntry> log =
                    s.insights(scope).auditLog(AuditLogQuery.ALL).stream().toList();
            assertThat(log).hasSize(1);
            AuditLogEntry entry = log.get(0);
            assertThat(List.of(entry.issueId(), entry.fieldChanged(), String.valueOf(entry.previousValue())))
                    .containsExactly(id, "user_classification", "accept_risk");
            assertThat(entry.currentValue()).isNull();
        }
    }

    private static Insight withDismissed(Insight i) {
        return new Insight(
                i.id(),
                true,
                i.hasExtendedContext(),
                i.issueClass(),
                i.issueType(),
                i.payload(),
                i.product(),
                i.resolveLink(),
                i.resolveText(),
                i.severity(),
                i.since(),
                i.status(),
                i.subject(),
                i.timestamp(),
                i.userClassification(),
                i.classificationExpiresOn());
    }

    @Nested
    class Errors {
        /** The insight is still listed by default: a refused call changed nothing. */
        private void assertStillActive(String id) {
            assertThat(ids(listed(compat.client(compat.read), Scope.ACCOUNT_SCOPE)))
                    .contains(id);
        }

        @Test
        void dismiss_readOnlyOrForeignCredentials_permissionDenied10000_sentOnce() {
            List<Map.Entry<Supplier<Session>, Map.Entry<String, Scope>>> cases = List.of(
                    Map.entry(() -> compat.client(compat.read), Map.entry(Compat.ACCT_2FA, Scope.ACCOUNT_SCOPE)),
                    Map.entry(() -> compat.client(compat.read), Map.entry(Compat.ZONE_DNSSEC, Scope.ZONE_SCOPE)),
                    Map.entry(() -> compat.client(compat.zoneRead), Map.entry(Compat.ZONE_DNSSEC, Scope.ZONE_SCOPE)),
                    Map.entry(() -> compat.client(compat.zoneEdit), Map.entry(Compat.ZONE_DNSSEC, Scope.ACCOUNT_SCOPE)),
                    Map.entry(
                            () -> compat.client(compat.otherAccount), Map.entry(Compat.ACCT_2FA, Scope.ACCOUNT_SCOPE)),
                    Map.entry(() -> compat.client(compat.outsider), Map.entry(Compat.ZONE_DNSSEC, Scope.ZONE_SCOPE)));
            for (var c : cases) {
                Session s = c.getKey().get();
                String id = c.getValue().getKey();
                PermissionDeniedException e = rejects(
                        PermissionDeniedException.class,
                        () -> s.insights(c.getValue().getValue()).dismiss(id, true));
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.code()).isEqualTo(10000);
                assertThat(e.errors().get(0).message()).isEqualTo("Authentication error");
                assertThat(s.calls().last().responseHeader("x-should-retry")).isEqualTo("false");
                assertThat(s.calls().count()).isEqualTo(1);
            }
            assertStillActive(Compat.ACCT_2FA);
            assertStillActive(Compat.ZONE_DNSSEC);
        }

        @Test
        void dismiss_unknownAnotherAccountsOrNotInThisZone_notFound1100() {
            Session s = compat.client(compat.edit);
            List<Map.Entry<String, Scope>> cases = List.of(
                    Map.entry("no-such-insight", Scope.ACCOUNT_SCOPE),
                    Map.entry("no-such-insight", Scope.ZONE_SCOPE),
                    Map.entry(Compat.OTHER_2FA, Scope.ACCOUNT_SCOPE),
                    Map.entry(Compat.ACCT_2FA, Scope.ZONE_SCOPE));
            for (Map.Entry<String, Scope> c : cases) {
                NotFoundException e = rejects(
                        NotFoundException.class, () -> s.insights(c.getValue()).dismiss(c.getKey(), true));
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.code()).isEqualTo(1100);
                assertThat(e.errors().get(0).message()).isEqualTo("insight '" + c.getKey() + "' not found");
                assertThat(s.calls().last().responseHeader("x-should-retry")).isEqualTo("false");
            }
            assertThat(s.calls().count()).isEqualTo(4);
            assertStillActive(Compat.ACCT_2FA);
            // The other account's insight was not dismissed either.
            assertThat(ids(listed(compat.client(compat.otherAccount), Scope.account(Compat.OTHER_ACCOUNT))))
                    .containsExactly(Compat.OTHER_2FA);
        }

        /**
         * The SDK can send a body the endpoint does not take ({@code dismiss: 'yes'}, {@code null}, an unknown field)
         * and gets 1002/1006 with a pointer. The Java client's body is always {@code {"dismiss": <boolean>}}: those
         * requests cannot be written, and what it sends is taken.
         */
        @Test
        void dismiss_theBodyIsAlwaysABoolean_soTheSdksBadBodiesCannotBeSent() {
            Session s = compat.client(compat.edit);
            s.insights(Scope.ACCOUNT_SCOPE).dismiss(Compat.ACCT_2FA, false);
            assertPut(s.calls().last(), path(Scope.ACCOUNT_SCOPE, Compat.ACCT_2FA), "{\"dismiss\":false}");
            assertStillActive(Compat.ACCT_2FA);
        }
    }
}
