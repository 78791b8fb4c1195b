package io.vigil.client.scenarios;

import static io.vigil.client.scenarios.Compat.ACCOUNT;
import static io.vigil.client.scenarios.Compat.assertOk;
import static io.vigil.client.scenarios.Compat.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.client.AuthenticationException;
import io.vigil.client.Classification;
import io.vigil.client.PermissionDeniedException;
import io.vigil.client.TokenStatus;
import io.vigil.client.scenarios.Compat.Scope;
import io.vigil.client.scenarios.Compat.Session;
import io.vigil.junit.Vigil;
import io.vigil.junit.VigilTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * compat/test/auth.test.js: authentication and authorization as the Java client sees them, both credential schemes,
 * and the exceptions for 401 and 403; {@code client.user.tokens.verify()} is the client's {@code verifyToken()}.
 */
@VigilTest(accountId = ACCOUNT)
class AuthScenariosTest {
    /** Well-formed: 40 of [A-Za-z0-9_-]. */
    static final String UNKNOWN_TOKEN = "Zz9NotAVigilToken_0123456789abcdefghijkl";
    /** Well-formed: 37 hex. */
    static final String UNKNOWN_KEY = "0123456789abcdef0123456789abcdef01234";

    static Compat compat;

    @BeforeAll
    static void start(Vigil vigil) {
        compat = Compat.start(vigil);
    }

    @AfterAll
    static void stop() {
        compat.close();
    }

    private static void falsePositive(Session s, Scope scope, String issueId) {
        s.insights(scope).classify(issueId, Classification.FALSE_POSITIVE, null);
    }

    @Nested
    class VerifyToken {
        @Test
        void returnsTheIdAndStatusActive_forEveryToken() {
            Set<String> ids = new HashSet<>();
            for (var token : List.of(compat.edit, compat.read, compat.zoneEdit, compat.zoneRead, compat.otherAccount)) {
                Session s = compat.client(b -> b.apiToken(token.secret()));
                TokenStatus status = s.client().verifyToken();
                assertThat(status.status()).isEqualTo("active");
                assertThat(status.id()).matches("[0-9a-f]{32}");
                assertThat(status.expiresOn()).as("these tokens never expire").isNull();
                assertThat(status.notBefore()).isNull();
                ids.add(status.id());
                assertThat(s.calls().count()).isEqualTo(1);
                var call = s.calls().last();
                assertThat(call.method()).isEqualTo("GET");
                assertThat(call.path()).isEqualTo("/client/v4/user/tokens/verify");
                assertThat(call.body()).isNull();
                assertThat(call.header("Authorization")).isEqualTo("Bearer " + token.secret());
            }
            assertThat(ids).as("every token has its own id").hasSize(5);
        }

        @Test
        void theAnswer_isCloudflaresEnvelope() {
            Session s = compat.client(b -> b.apiToken(compat.edit.secret()));
            assertThat(s.client().verifyToken().status()).isEqualTo("active");
            var call = s.calls().last();
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.responseHeader("content-type")).startsWith("application/json");
            assertThat(call.responseHeader("cf-ray")).endsWith("-VGL");
        }

        @Test
        void anUnknownToken_authentication9109() {
            Session s = compat.client(b -> b.apiToken(UNKNOWN_TOKEN));
            AuthenticationException e =
                    rejects(AuthenticationException.class, () -> s.client().verifyToken());
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo(9109);
            assertThat(e.errors().get(0).message()).isEqualTo("Invalid access token");
            assertThat(s.calls().count()).isEqualTo(1);
        }
    }

    @Nested
    class CredentialsThatMatchNothing {
        @Test
        void classify_anUnknownApiToken_authentication9109() {
            Session s = compat.client(b -> b.apiToken(UNKNOWN_TOKEN));
            for (Scope scope : Scope.BOTH) {
                AuthenticationException e =
                        rejects(AuthenticationException.class, () -> falsePositive(s, scope, Compat.ACCT_2FA));
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.code()).isEqualTo(9109);
                assertThat(s.calls().last().responseHeader("x-should-retry")).isEqualTo("false");
            }
            assertThat(s.calls().count()).isEqualTo(2);
        }

        @Test
        void classify_anUnknownEmailOrAWrongGlobalKey_authentication9103() {
            for (Session s : List.of(
                    compat.client(b -> b.apiKey(Compat.MEMBER_EMAIL, UNKNOWN_KEY)),
                    compat.client(b -> b.apiKey("nobody@vigil-compat.example", compat.member.key())))) {
                AuthenticationException e = rejects(
                        AuthenticationException.class, () -> falsePositive(s, Scope.ACCOUNT_SCOPE, Compat.ACCT_2FA));
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.code()).isEqualTo(9103);
                assertThat(e.errors().get(0).message()).isEqualTo("Unknown X-Auth-Key or X-Auth-Email");
            }
        }
    }

    @Nested
    class ValidCredentialsWithoutThePermission {
        /** The classification must fail with PermissionDeniedException 10000 "Authentication error", sent once. */
        private PermissionDeniedException assertDenied(Session s, String issueId, Scope scope) {
            PermissionDeniedException e =
                    rejects(PermissionDeniedException.class, () -> falsePositive(s, scope, issueId));
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.errors()).hasSize(1);
            assertThat(e.code()).isEqualTo(10000);
            assertThat(e.errors().get(0).message()).isEqualTo("Authentication error");
            assertThat(s.calls().last().responseHeader("x-should-retry")).isEqualTo("false");
            assertThat(s.calls().count()).isEqualTo(1);
            return e;
        }

        @Test
        void classify_aReadToken_isDenied_onTheAccountAndZonePaths() {
            assertDenied(compat.client(compat.read), Compat.ACCT_2FA, Scope.ACCOUNT_SCOPE);
            assertDenied(compat.client(compat.read), Compat.ZONE_HTTPS, Scope.ZONE_SCOPE);
            assertDenied(compat.client(compat.zoneRead), Compat.ZONE_HTTPS, Scope.ZONE_SCOPE);
        }

        @Test
        void classify_anotherAccountsToken_isDeniedHere_whetherTheInsightExistsOrNot() {
            PermissionDeniedException first =
                    assertDenied(compat.client(compat.otherAccount), Compat.ACCT_2FA, Scope.ACCOUNT_SCOPE);
            PermissionDeniedException second =
                    assertDenied(compat.client(compat.otherAccount), "no-such-insight", Scope.ACCOUNT_SCOPE);
            assertThat(first.errors()).as("no existence leak").isEqualTo(second.errors());
            assertDenied(compat.client(compat.otherAccount), Compat.ZONE_HTTPS, Scope.ZONE_SCOPE);
            assertDenied(compat.client(compat.edit), Compat.OTHER_2FA, Scope.account(Compat.OTHER_ACCOUNT));
        }

        @Test
        void classify_anUnknownAccount_getsTheSame403AsAForeignOne() {
            assertDenied(compat.client(compat.edit), Compat.ACCT_2FA, Scope.account(Compat.UNKNOWN_ACCOUNT));
        }

        @Test
        void classify_aZoneScopedToken_cannotUseTheAccountPath() {
            assertDenied(compat.client(compat.zoneEdit), Compat.ZONE_HTTPS, Scope.ACCOUNT_SCOPE);
        }

        @Test
        void classify_aUserWhoIsNotAMemberOfTheAccount_isDenied() {
            assertDenied(compat.client(compat.outsider), Compat.ACCT_2FA, Scope.ACCOUNT_SCOPE);
            assertDenied(compat.client(compat.outsider), Compat.ZONE_HTTPS, Scope.ZONE_SCOPE);
        }

        @Test
        void classify_theSameCredentialsWorkOnTheirOwnAccount_tokenThenGlobalKey() {
            Scope theirs = Scope.account(Compat.OTHER_ACCOUNT);
            Session token = compat.client(compat.otherAccount);
            falsePositive(token, theirs, Compat.OTHER_2FA);
            assertOk(token.calls().last());
            Session key = compat.client(compat.outsider);
            key.insights(theirs).resetClassification(Compat.OTHER_2FA);
            assertOk(key.calls().last());
            assertThat(key.calls().last().header("X-Auth-Email")).isEqualTo(Compat.OUTSIDER_EMAIL);
        }

        @Test
        void classify_aReadTokenIsDenied_thenAnEditTokenSucceeds_onTheSameInsight() {
            assertDenied(compat.client(compat.read), Compat.ACCT_DMARC, Scope.ACCOUNT_SCOPE);
            Session edit = compat.client(compat.edit);
            falsePositive(edit, Scope.ACCOUNT_SCOPE, Compat.ACCT_DMARC);
            assertOk(edit.calls().last());
        }
    }

    @Nested
    class BothSchemesConfigured {
        /**
         * The SDK sends every credential it has (Authorization and X-Auth-Email/Key on one request) and Vigil uses
         * the token. The Java client holds one scheme: the one given last to its builder, and sends only that.
         */
        @Test
        void builder_givenBothSchemes_sendsOnlyTheLastGiven_andItIsUsed() {
            Session s = compat.client(b ->
                    b.apiKey(compat.outsider.email(), compat.outsider.key()).apiToken(compat.edit.secret()));
            falsePositive(s, Scope.ACCOUNT_SCOPE, Compat.ACCT_2FA);
            assertOk(s.calls().last());
            assertThat(s.calls().last().header("Authorization")).isEqualTo("Bearer " + compat.edit.secret());
            assertThat(s.calls().last().header("X-Auth-Email")).isNull();
            assertThat(s.calls().last().header("X-Auth-Key")).isNull();
            s.insights(Scope.ACCOUNT_SCOPE).resetClassification(Compat.ACCT_2FA);
            assertOk(s.calls().last());
        }
    }
}
