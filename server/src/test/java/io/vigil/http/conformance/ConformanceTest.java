package io.vigil.http.conformance;

import static org.assertj.core.api.Assertions.fail;

import io.vigil.auth.RateLimit;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schema conformance: the real server answers every operation of Cloudflare's own OpenAPI document (an
 * extract of its Insights operations, {@code src/test/resources/io/vigil/conformance/}) with each success
 * and each error it can give, and every answer matches the schema the document gives for its status.
 * Where Cloudflare's real behaviour contradicts its schema, Vigil keeps the behaviour and {@link
 * NamedException} says so.
 *
 * <p>The calls are made once, before the tests; each test then judges one side of the answers, so a
 * failure says which: an operation left unchecked, one the server does not serve, an unplanned status,
 * a schema violation, or a named exception no longer needed. The summary line goes to standard output.
 */
class ConformanceTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @RegisterExtension
    static final TestServer limited = TestServer.perClass(new RateLimit(1, Duration.ofHours(1)));

    static ConformanceReport report;
    /** The same answers, and those of the routes beyond Cloudflare's, against the document Vigil serves. */
    static ConformanceReport vigilReport;

    @BeforeAll
    static void exercise() {
        OpenApiContract contract = OpenApiContract.fromResource(OpenApiContract.CLOUDFLARE_INSIGHTS);
        OpenApiContract vigil = OpenApiContract.of(
                "GET /client/v4/openapi.json",
                server.send("GET", "/openapi.json", null).body());
        List<ConformanceReport.Answer> answers = new ArrayList<>();
        List<ConformanceReport.Answer> vigilAnswers = new ArrayList<>();
        for (Call call : ExercisePlan.calls(server, limited)) {
            Reply reply = send(call);
            answers.add(ConformanceReport.Answer.of(contract, call, reply));
            vigilAnswers.add(ConformanceReport.Answer.of(vigil, call, reply));
        }
        for (Call call : ExercisePlan.beyondCloudflare(server, limited)) {
            vigilAnswers.add(ConformanceReport.Answer.of(vigil, call, send(call)));
        }
        // Cloudflare's document is contradicted by Cloudflare's own behaviour in every named way; Vigil's own
        // document describes that behaviour.
        report = new ConformanceReport(contract, answers, EnumSet.allOf(NamedException.class));
        vigilReport = new ConformanceReport(vigil, vigilAnswers, EnumSet.noneOf(NamedException.class));
        System.out.println(report.summary());
        System.out.println(vigilReport.summary());
    }

    private static Reply send(Call call) {
        try {
            return call.send();
        } catch (RuntimeException e) {
            throw new IllegalStateException("no answer to " + call + " (expected " + call.expected() + ")", e);
        }
    }

    @Test
    void everyOperationOfTheDocument_isExercised_withEveryStatusItCanAnswer() {
        assertNone(report.unexercised(), "operations and statuses the plan does not check (ExercisePlan, Coverage)");
    }

    @Test
    void everyOperationOfTheDocument_isServed() {
        assertNone(
                report.notServed(),
                "operations whose every call was answered 404 7000 'No route for that URI': the server"
                        + " has no route for them");
    }

    @Test
    void everyAnswer_hasThePlannedStatusAndCode() {
        assertNone(report.unexpectedStatuses(), "calls of served operations answered otherwise than planned");
    }

    @Test
    void everyAnswer_conformsToItsSchema_butForNamedExceptions() {
        assertNone(
                report.schemaViolations(),
                "schema violations no NamedException excuses (operation -> status at JSON pointer: message)");
    }

    @Test
    void everyNamedException_stillExcusesSomething() {
        assertNone(report.staleExceptions(), "named exceptions that no answer needs any more: remove them");
    }

    @Test
    void vigilsOwnDocument_describesEveryRouteAndEveryAnswer() {
        assertNone(vigilReport.unexercised(), "operations of Vigil's document that no call checks");
        assertNone(vigilReport.notServed(), "operations of Vigil's document the server does not serve");
        assertNone(vigilReport.unexpectedStatuses(), "calls answered otherwise than planned");
        assertNone(vigilReport.schemaViolations(), "answers that do not match Vigil's own document");
    }

    /** Fails listing every item, one a line, under {@code what}. */
    private static void assertNone(Collection<?> items, String what) {
        if (!items.isEmpty()) {
            StringBuilder message =
                    new StringBuilder(what).append(" (").append(items.size()).append("):");
            items.forEach(item -> message.append("\n  - ").append(item));
            fail(message.toString());
        }
    }
}
