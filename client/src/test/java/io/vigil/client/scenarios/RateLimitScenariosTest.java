package io.vigil.client.scenarios;

import static io.vigil.client.scenarios.Compat.ACCOUNT;
import static io.vigil.client.scenarios.Compat.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.client.InsightQuery;
import io.vigil.client.RateLimitedException;
import io.vigil.client.RecordingHttpClient.Exchange;
import io.vigil.client.scenarios.Compat.Scope;
import io.vigil.client.scenarios.Compat.Session;
import io.vigil.junit.Vigil;
import io.vigil.junit.VigilTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compat/test/rate-limit.test.js: Vigil's per-credential rate limit ({@code vigil serve --rate-limit 6/5s}, here the
 * extension's option) as the Java client sees it: Cloudflare's Ratelimit headers, and past the budget a 429 (code
 * 971) with {@code Retry-After}, a {@link RateLimitedException} when the client may not retry.
 */
@VigilTest(accountId = ACCOUNT, rateLimit = RateLimitScenariosTest.BUDGET, rateLimitWindowSeconds = 5)
class RateLimitScenariosTest {
    static final int BUDGET = 6;
    static Compat compat;

    @BeforeAll
    static void start(Vigil vigil) {
        compat = Compat.start(vigil);
    }

    @AfterAll
    static void stop() {
        compat.close();
    }

    private static final InsightQuery ONE = InsightQuery.builder().perPage(1).build();

    @Test
    void list_withinTheBudgetCarriesRatelimitHeaders_pastItRateLimited971WithRetryAfter() {
        Session s = compat.client(b -> b.apiToken(compat.read.secret()).maxRetries(0));
        for (int i = 0; i < BUDGET; i++) {
            s.insights(Scope.ACCOUNT_SCOPE).list(ONE).firstPage();
        }
        assertThat(s.calls().count()).isEqualTo(BUDGET);
        Exchange first = s.calls().exchanges().get(0);
        assertThat(first.responseHeader("ratelimit")).matches("^\"default\";r=5;t=\\d+$");
        assertThat(first.responseHeader("ratelimit-policy")).isEqualTo("\"default\";q=" + BUDGET + ";w=5");

        RateLimitedException e = rejects(
                RateLimitedException.class,
                () -> s.insights(Scope.ACCOUNT_SCOPE).list(ONE).firstPage());
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.code()).isEqualTo(971);
        assertThat(e.errors().get(0).message())
                .matches("^Rate limit exceeded: 6 requests per 5 seconds; retry in \\d+ seconds$");
        assertThat(e.retryAfter())
                .hasValueSatisfying(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        Exchange refused = s.calls().last();
        assertThat(Integer.parseInt(refused.responseHeader("retry-after"))).isGreaterThanOrEqualTo(1);
        assertThat(refused.responseHeader("x-should-retry"))
                .as("a 429 may be retried later")
                .isNull();
    }

    @Test
    void list_byDefaultTheClientWaitsRetryAfterAndRetries_theRetrySucceedsInTheNextWindow() {
        Session limited = compat.client(compat.zoneRead);
        for (int i = 0; i < BUDGET; i++) {
            limited.insights(Scope.ZONE_SCOPE).list(ONE).firstPage();
        }
        long started = System.nanoTime();
        limited.insights(Scope.ZONE_SCOPE).list(ONE).firstPage();
        List<Exchange> after = limited.calls().since(BUDGET);
        assertThat(after).hasSize(2);
        Exchange refused = after.get(0);
        assertThat(refused.status()).isEqualTo(429);
        int waitSeconds = Integer.parseInt(refused.responseHeader("retry-after"));
        assertThat(waitSeconds).isBetween(1, 5);
        assertThat(after.get(1).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the client waited as told")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(waitSeconds - 1));

        // The budget is per credential: another token was never limited.
        Session other = compat.client(b -> b.apiToken(compat.edit.secret()).maxRetries(0));
        other.insights(Scope.ACCOUNT_SCOPE).list(ONE).firstPage();
        assertThat(other.calls().last().status()).isEqualTo(200);
    }
}
