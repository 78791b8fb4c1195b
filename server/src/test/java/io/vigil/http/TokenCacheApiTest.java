package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server trusts a token it has found for at most a second (docs/decisions.md): a token revoked while the server
 * holds it stops working within that second, and one that expires stops at its expiry, cached or not.
 */
class TokenCacheApiTest {
    private static final String SCOPE = "/accounts/" + ACCOUNT;
    private static final String INSIGHT = "cached-token";
    private static final Duration TRUSTED = Duration.ofSeconds(1);

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @BeforeAll
    static void seed() {
        server.seed(Insights.inAccount(INSIGHT, ACCOUNT));
    }

    /** Alternates the classification, so that every accepted request is a change. */
    private static Reply patch(String token, int i) {
        String body = i % 2 == 0 ? "{\"classification\":\"false_positive\"}" : "{\"classification\":null}";
        return server.classify(SCOPE, INSIGHT, body, token);
    }

    @Test
    void aRevokedToken_theServerHasJustUsed_isRefusedWithinASecond() throws InterruptedException {
        String token = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        assertThat(patch(token, 0)).succeedsWithSeedEnvelope();
        assertThat(patch(token, 1)).as("found once, then trusted").succeedsWithSeedEnvelope();

        server.revoke(token);
        Instant revoked = Instant.now();
        Instant bound = revoked.plus(TRUSTED);
        Reply reply;
        int i = 2;
        do { // it may still work for up to a second; never longer
            Thread.sleep(50);
            reply = patch(token, i++);
        } while (reply.status() == 200 && Instant.now().isBefore(bound));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), bound).toMillis()) + 50);

        assertThat(patch(token, i)).failsWith(401, 9109, "Invalid access token");
        assertThat(server.send("GET", "/user/tokens/verify", null, "Authorization", "Bearer " + token))
                .failsWith(401, 9109, "Invalid access token");
    }

    @Test
    void aTokenThatExpiresWhileTrusted_isRefusedFromItsExpiry() throws InterruptedException {
        Instant expiresOn = Instant.now().plusSeconds(3);
        String token = server.expiringToken(ACCOUNT, expiresOn);
        List<Integer> sentBeforeExpiry = new ArrayList<>();
        List<Integer> sentAfterExpiry = new ArrayList<>();
        int i = 0;
        // Requests every 100 ms keep the token trusted up to its expiry, and a second past it.
        while (Instant.now().isBefore(expiresOn.plus(TRUSTED))) {
            boolean expired = !Instant.now().isBefore(expiresOn);
            int status = patch(token, i++).status();
            (expired ? sentAfterExpiry : sentBeforeExpiry).add(status);
            Thread.sleep(100);
        }

        assertThat(sentBeforeExpiry).as("sent before the expiry").isNotEmpty().contains(200);
        assertThat(sentAfterExpiry).as("sent after the expiry").isNotEmpty().containsOnly(401);
        assertThat(patch(token, i)).failsWith(401, 9109, "Invalid access token");
    }

    @Test
    void aTokenCreatedWhileTheServerRuns_worksAtOnce_evenRightAfterItWasRefused() {
        String token = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        server.revoke(token);
        assertThat(patch(token, 0)).failsWith(401, 9109, "Invalid access token");

        String created = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        assertThat(patch(created, 0)).succeedsWithSeedEnvelope();
    }
}
