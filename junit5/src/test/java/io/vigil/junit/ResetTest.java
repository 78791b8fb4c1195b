package io.vigil.junit;

import static io.vigil.junit.Http.LIST;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.Classification;
import io.vigil.insight.Severity;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Vigil#reset()} returns the server to the state right after its start, whatever the test did. */
@VigilTest(rateLimit = 3, rateLimitWindowSeconds = 600)
class ResetTest {
    @AfterEach
    void reset(Vigil vigil) {
        vigil.reset();
    }

    @Test
    void reset_removesSeedsAndChanges_andKeepsTheTokens(Vigil vigil) throws IOException {
        vigil.seed()
                .insight("open-port", i -> i.severity(Severity.CRITICAL))
                .insight("weak-tls", i -> i.classification(Classification.ACCEPT_RISK, "legacy clients"))
                .apply();
        assertThat(Http.classify(vigil, "open-port", "{\"classification\":\"false_positive\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(vigil.changes().size()).isEqualTo(1);

        vigil.reset();

        HttpResponse<String> list = Http.list(vigil);
        assertThat(list.statusCode()).isEqualTo(200); // the read token still works
        assertThat(Http.json(list).at("/result_info/total_count").asInt()).isZero();
        assertThat(vigil.changes().isEmpty()).isTrue();
        assertThat(Http.classify(vigil, "open-port", "{\"classification\":null}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void reset_thenTheSameSeedsAgain_listsThemAsTheFirstTime(Vigil vigil) throws IOException {
        for (int round = 0; round < 3; round++) {
            vigil.seed()
                    .insight("a")
                    .insight("b", i -> i.lastSeen(InsightSeed.SEEN.plusSeconds(60)))
                    .apply();
            HttpResponse<String> list = Http.list(vigil);
            assertThat(Http.json(list).at("/result_info/total_count").asInt()).isEqualTo(2);
            assertThat(Http.json(list).at("/result/issues/0/id").asText()).isEqualTo("b");
            vigil.reset();
        }
    }

    @Test
    void reset_clearsFaults(Vigil vigil) throws IOException {
        vigil.faults().on("GET", LIST).serverError(503, 100);
        assertThat(Http.list(vigil).statusCode()).isEqualTo(503);

        vigil.reset();

        assertThat(Http.list(vigil).statusCode()).isEqualTo(200);
    }

    @Test
    void reset_forgetsRateLimitWindows(Vigil vigil) throws IOException {
        for (int i = 0; i < 3; i++) {
            assertThat(Http.list(vigil).statusCode()).isEqualTo(200);
        }
        assertThat(Http.list(vigil).statusCode()).isEqualTo(429);

        vigil.reset();

        assertThat(Http.list(vigil).statusCode()).isEqualTo(200);
    }
}
