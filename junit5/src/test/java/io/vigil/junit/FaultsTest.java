package io.vigil.junit;

import static io.vigil.junit.Http.CLASSIFY;
import static io.vigil.junit.Http.COUNT_BY_CLASS;
import static io.vigil.junit.Http.LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Every kind of fault, answered by the real server over HTTP, on its route only. */
@VigilTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {
    private static final String FALSE_POSITIVE = "{\"classification\":\"false_positive\"}";
    private static final String RESET = "{\"classification\":null}";

    @BeforeAll
    static void seed(Vigil vigil) {
        vigil.seed().insight("open-port").insight("weak-tls").apply();
    }

    @Test
    void latency_delaysEveryRequestOfTheRoute_andNoOtherRoute(Vigil vigil) throws IOException {
        vigil.faults().on("GET", LIST).latency(Duration.ofMillis(400));
        long started = System.nanoTime();
        HttpResponse<String> slow = Http.list(vigil);
        long slowMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        HttpResponse<String> other = Http.get(vigil, Http.path(vigil, COUNT_BY_CLASS), vigil.readToken());
        long otherMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(slowMillis).isGreaterThanOrEqualTo(400);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(otherMillis).isLessThan(400);
        assertThat(Http.list(vigil).statusCode()).isEqualTo(200); // still slow, still answered
    }

    @Test
    void rateLimited_answers429WithRetryAfter_inTheRateLimitersEnvelope(Vigil vigil) throws IOException {
        vigil.faults().on("GET", LIST).rateLimited(Duration.ofMillis(1500));

        HttpResponse<String> refused = Http.list(vigil);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(Http.json(refused).at("/errors/0/code").asInt()).isEqualTo(971);
        assertThat(Http.json(refused).at("/success").asBoolean()).isFalse();
        assertThat(Http.list(vigil).statusCode()).isEqualTo(429); // every request, until cleared
    }

    @Test
    void serverError_failsTheNextNRequests_thenAnswersNormally(Vigil vigil) throws IOException {
        vigil.faults().on("PATCH", CLASSIFY).serverError(503, 2);

        HttpResponse<String> first = Http.classify(vigil, "open-port", FALSE_POSITIVE);
        HttpResponse<String> second = Http.classify(vigil, "open-port", FALSE_POSITIVE);
        HttpResponse<String> third = Http.classify(vigil, "open-port", FALSE_POSITIVE);

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Http.json(first).at("/errors/0/code").asInt()).isEqualTo(1501);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(vigil.changes().of("open-port")).hasSize(1); // the failed requests changed nothing
        Http.classify(vigil, "open-port", RESET);
    }

    @Test
    void serverError500_failsOnce_asAnUnexpectedFailureAnswers(Vigil vigil) throws IOException {
        vigil.faults().on("GET", LIST).serverError(500, 1);

        HttpResponse<String> failed = Http.list(vigil);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(Http.json(failed).at("/errors/0/code").asInt()).isEqualTo(1500);
        assertThat(Http.list(vigil).statusCode()).isEqualTo(200);
    }

    @Test
    void dropConnection_closesTheConnectionUnanswered_thenAnswersNormally(Vigil vigil) throws IOException {
        vigil.faults().on("PATCH", CLASSIFY).dropConnection(1);

        assertThatThrownBy(() -> Http.classify(vigil, "weak-tls", FALSE_POSITIVE))
                .isInstanceOf(IOException.class);
        assertThat(Http.classify(vigil, "weak-tls", FALSE_POSITIVE).statusCode())
                .isEqualTo(200);
        Http.classify(vigil, "weak-tls", RESET);
    }

    @Test
    void aFault_leavesTheSamePathWithAnotherMethod_andOtherRoutesAlone(Vigil vigil) throws IOException {
        vigil.faults().on("GET", COUNT_BY_CLASS).serverError(503, 5);

        assertThat(Http.list(vigil).statusCode()).isEqualTo(200);
        assertThat(Http.classify(vigil, "open-port", RESET).statusCode()).isEqualTo(200);
        assertThat(Http.get(vigil, Http.path(vigil, COUNT_BY_CLASS), vigil.readToken())
                        .statusCode())
                .isEqualTo(503);
    }

    @Test
    void faults_combine_latencyThenTheAnswer(Vigil vigil) throws IOException {
        vigil.faults().on("GET", LIST).latency(Duration.ofMillis(200), 1).serverError(503, 1);
        long started = System.nanoTime();

        HttpResponse<String> failed = Http.list(vigil);

        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(200);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(Http.list(vigil).statusCode()).isEqualTo(200);
    }

    @Test
    void on_aRouteTheServerDoesNotHave_isRefused(Vigil vigil) {
        assertThatThrownBy(() -> vigil.faults().on("POST", LIST).latency(Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no route POST /accounts/{account_id}/security-center/insights in the route table;"
                        + " routes with that path: [GET]");
    }

    @Test
    @Order(1)
    void faultSetInOneTest_isGoneInTheNext_first(Vigil vigil) throws IOException {
        vigil.faults().on("GET", LIST).serverError(503, 10);
        assertThat(Http.list(vigil).statusCode()).isEqualTo(503);
    }

    @Test
    @Order(2)
    void faultSetInOneTest_isGoneInTheNext_second(Vigil vigil) throws IOException {
        assertThat(Http.list(vigil).statusCode()).isEqualTo(200);
    }
}
