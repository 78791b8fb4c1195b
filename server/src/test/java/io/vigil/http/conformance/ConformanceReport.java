package io.vigil.http.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The answers of one run of the exercise plan, judged against an {@link OpenApiContract}: which operations
 * were not exercised, not served at all, answered with another status than planned, or broke the schema
 * in a way none of the document's {@link NamedException}s excuses.
 */
final class ConformanceReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One call, the operation it matched ({@code null}: none), and what came back: the status, and
     * {@code errors[0]}'s code and message (0 and {@code ""} for a success).
     */
    record Answer(
            Call call,
            @Nullable Operation operation,
            int status,
            int code,
            String message,
            List<Violation> violations) {
        static Answer of(OpenApiContract contract, Call call, Reply reply) {
            Operation operation = contract.match(call.method(), call.path()).orElse(null);
            List<Violation> violations = operation == null
                    ? List.of()
                    : contract.check(
                            operation,
                            reply.status(),
                            reply.header("Content-Type").orElse(null),
                            reply.body());
            JsonNode error = firstError(reply.body());
            return new Answer(
                    call,
                    operation,
                    reply.status(),
                    error.path("code").asInt(),
                    error.path("message").asText(),
                    violations);
        }

        boolean asPlanned() {
            return status == call.status() && code == call.code();
        }

        /** {@code 404 7000}, or {@code 200}. */
        String actual() {
            return code == 0 ? String.valueOf(status) : status + " " + code;
        }
    }

    private final OpenApiContract contract;
    private final List<Answer> answers;
    /** The named exceptions of the document, each with how many violations it excused. */
    private final Map<NamedException, Integer> excused = new EnumMap<>(NamedException.class);

    private final Map<String, Finding> violations = new LinkedHashMap<>();

    /** {@code exceptions}: those that hold for this document (another document may describe them). */
    ConformanceReport(OpenApiContract contract, List<Answer> answers, Set<NamedException> exceptions) {
        this.contract = contract;
        this.answers = List.copyOf(answers);
        for (NamedException exception : exceptions) {
            excused.put(exception, 0);
        }
        for (Answer answer : answers) {
            for (Violation violation : answer.violations()) {
                NamedException exception = excuse(answer.status(), violation);
                if (exception != null) {
                    excused.merge(exception, 1, Integer::sum);
                } else {
                    // One line per operation, status, place (any array index) and message, with the count and
                    // the first example.
                    String place = answer.operation() + " -> " + answer.status() + " at "
                            + quote(violation.pointer().replaceAll("/\\d+(?=/|$)", "/*")) + ": " + violation.message();
                    String example = (violation.value() == null ? "" : "value " + violation.value() + " in ")
                            + shorten(answer.call().toString());
                    violations.merge(place, new Finding(1, example), Finding::plus);
                }
            }
        }
    }

    /** How often a violation occurred, and where first. */
    private record Finding(int count, String example) {
        Finding plus(Finding other) {
            return new Finding(count + other.count, example);
        }
    }

    private @Nullable NamedException excuse(int status, Violation violation) {
        for (NamedException exception : excused.keySet()) {
            if (exception.covers(status, violation)) {
                return exception;
            }
        }
        return null;
    }

    /**
     * E.g. {@code conformance to <document>: 23 operations, 407 responses checked, 0 violations (1 named exception)},
     * then a line for each named exception and, if there are violations, a line saying of which kind.
     */
    String summary() {
        int schema = violations.values().stream().mapToInt(Finding::count).sum();
        int problems = unexercised().size()
                + notServed().size()
                + unexpectedStatuses().size()
                + schema
                + staleExceptions().size();
        int named = excused.size();
        StringBuilder out = new StringBuilder(String.format(
                "conformance to %s: %d operations, %d responses checked, %d violations (%d named exception%s)",
                contract.name(), contract.operations().size(), answers.size(), problems, named, named == 1 ? "" : "s"));
        excused.forEach((exception, count) ->
                out.append(String.format("%n  %s excused %d violations: %s", exception, count, exception.reason())));
        if (problems > 0) {
            out.append(String.format(
                    "%n  violations: %d coverage gaps; %d operations not served (%d calls answered 404 7000);"
                            + " %d unexpected statuses; %d schema violations; %d stale named exceptions",
                    unexercised().size(),
                    notServed().size(),
                    notServedCalls(),
                    unexpectedStatuses().size(),
                    schema,
                    staleExceptions().size()));
        }
        return out.toString();
    }

    /** Operations or statuses no call checks, and calls that match no operation of the document. */
    List<String> unexercised() {
        Map<Operation, Set<Integer>> expected = new LinkedHashMap<>();
        List<String> gaps = new ArrayList<>();
        for (Answer answer : answers) {
            if (answer.operation() == null) {
                gaps.add(answer.call() + ": matches no operation of " + contract.name());
            } else {
                expected.computeIfAbsent(answer.operation(), op -> new TreeSet<>())
                        .add(answer.call().status());
            }
        }
        gaps.addAll(Coverage.gaps(contract, expected));
        return gaps;
    }

    /**
     * Operations whose every call was answered {@code 404 7000} (no route) though none planned it: the
     * server does not serve them at all.
     */
    Set<Operation> notServed() {
        Map<Operation, Boolean> noRoute = new LinkedHashMap<>();
        for (Answer answer : answers) {
            if (answer.operation() != null) {
                boolean unrouted = answer.actual().equals("404 7000") && !answer.asPlanned();
                noRoute.merge(answer.operation(), unrouted, Boolean::logicalAnd);
            }
        }
        Set<Operation> notServed = new LinkedHashSet<>();
        noRoute.forEach((operation, unrouted) -> {
            if (unrouted) {
                notServed.add(operation);
            }
        });
        return notServed;
    }

    private int notServedCalls() {
        Set<Operation> notServed = notServed();
        return (int) answers.stream()
                .filter(answer -> notServed.contains(answer.operation()))
                .count();
    }

    /** Calls of served operations answered with another status or code than planned. */
    List<String> unexpectedStatuses() {
        Set<Operation> notServed = notServed();
        List<String> lines = new ArrayList<>();
        for (Answer answer : answers) {
            if (!answer.asPlanned() && !notServed.contains(answer.operation())) {
                lines.add(
                        shorten(answer.call() + ": expected " + answer.call().expected() + ", got " + answer.actual()));
            }
        }
        return lines;
    }

    /** Each schema violation no named exception excuses, with how often it occurred. */
    List<String> schemaViolations() {
        List<String> lines = new ArrayList<>();
        violations.forEach(
                (place, finding) -> lines.add(finding.count() + "x " + place + "\n      e.g. " + finding.example()));
        return lines;
    }

    /** Named exceptions that excused nothing: remove them. */
    List<NamedException> staleExceptions() {
        return excused.entrySet().stream()
                .filter(e -> e.getValue() == 0)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** {@code errors[0]} of an envelope; a missing node if there is none. */
    private static JsonNode firstError(String body) {
        try {
            return JSON.readTree(body).path("errors").path(0);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String quote(String pointer) {
        return pointer.isEmpty() ? "\"\" (the body)" : pointer;
    }

    /** The test's account and zone ids as names, for lines a person reads. */
    private static String shorten(String text) {
        return text.replace(Insights.ACCOUNT, "{ACCOUNT}").replace(Insights.ZONE, "{ZONE}");
    }
}
