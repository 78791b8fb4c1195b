package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.auth.Permission;
import io.vigil.auth.RateLimit;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cloudflare's per-credential rate limit: headers on every answer, 429 with {@code retry-after} past it. */
class RateLimitTest {
    private static final String LIST = "/accounts/" + ACCOUNT + "/security-center/insights";

    @RegisterExtension
    static final TestServer server = TestServer.perClass(new RateLimit(5, Duration.ofMinutes(5)));

    @BeforeAll
    static void seed() {
        server.seed(Insights.inAccount("limited", ACCOUNT));
    }

    private static Reply list(String token) {
        return server.send("GET", LIST, null, "Authorization", "Bearer " + token);
    }

    @Test
    void everyAnswer_carriesTheRemainingBudgetAndThePolicy() {
        String token = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        Reply first = list(token);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Ratelimit"))
                .hasValueSatisfying(v -> assertThat(v).matches("\"default\";r=4;t=(29\\d|300)"));
        assertThat(first.header("Ratelimit-Policy")).hasValue("\"default\";q=5;w=300");
        assertThat(first.header("Retry-After")).isEmpty();
    }

    @Test
    void pastTheBudget_isA429WithRetryAfter_andTheSdkMayRetryLater() {
        String token = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        for (int i = 0; i < 5; i++) {
            assertThat(list(token).status()).isEqualTo(200);
        }
        Reply refused = list(token);
        String retryAfter = refused.header("Retry-After").orElseThrow();
        assertThat(Integer.parseInt(retryAfter)).isBetween(290, 300);
        assertThat(refused)
                .failsWith(
                        429,
                        971,
                        "Rate limit exceeded: 5 requests per 300 seconds; retry in " + retryAfter + " seconds");
        assertThat(refused.header("x-should-retry")).as("a 429 may be retried").isEmpty();
        assertThat(refused.header("Ratelimit"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("\"default\";r=0;"));
    }

    @Test
    void theBudget_isPerCredential_andCountsFailuresToo() {
        String spender = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        String other = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        for (int i = 0; i < 5; i++) {
            Reply notFound =
                    server.send("GET", LIST + "/no-such-insight/audit-log", null, "Authorization", "Bearer " + spender);
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.header("Ratelimit")).isPresent();
        }
        assertThat(list(spender).status()).isEqualTo(429);
        assertThat(list(other).status()).isEqualTo(200);
    }

    @Test
    void tokenVerify_countsAgainstTheSameBudget() {
        String token = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        for (int i = 0; i < 5; i++) {
            assertThat(server.send("GET", "/user/tokens/verify", null, "Authorization", "Bearer " + token)
                            .status())
                    .isEqualTo(200);
        }
        assertThat(list(token).status()).isEqualTo(429);
    }

    @Test
    void attackSurfaceReportAliases_countAgainstTheSameBudgetAsTheirTwins() {
        String token = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        String report = "/accounts/" + ACCOUNT + "/intel/attack-surface-report";
        for (String path : List.of("/issue-types", "/issues", "/issues/class", "/issues/severity")) {
            Reply reply = server.send("GET", report + path, null, "Authorization", "Bearer " + token);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.header("Ratelimit")).as(path).isPresent();
        }
        Reply dismiss = server.send(
                "PUT",
                report + "/limited/dismiss",
                "{\"dismiss\":false}",
                "Authorization",
                "Bearer " + token,
                "Content-Type",
                "application/json");
        assertThat(dismiss).succeedsWithSeedEnvelope();
        assertThat(dismiss.header("Ratelimit"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("\"default\";r=0;"));
        assertThat(list(token).status()).isEqualTo(429);
        assertThat(server.send("GET", report + "/issues/type", null, "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(429);
    }

    @Test
    void rateLimitSpec_parsesCloudflareAndShortForms() {
        assertThat(RateLimit.parse("1200/5m")).isEqualTo(RateLimit.CLOUDFLARE);
        assertThat(RateLimit.parse("cloudflare")).isEqualTo(RateLimit.CLOUDFLARE);
        assertThat(RateLimit.parse("off").enabled()).isFalse();
        assertThat(RateLimit.parse("10/30s")).isEqualTo(new RateLimit(10, Duration.ofSeconds(30)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RateLimit.parse("fast"))
                .hasMessage("expected off, cloudflare or REQUESTS/WINDOW such as 1200/5m, 100/30s; got 'fast'");
    }
}
