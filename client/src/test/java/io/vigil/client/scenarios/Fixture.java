package io.vigil.client.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.client.Classification;
import io.vigil.client.FindingSource;
import io.vigil.client.Insight;
import io.vigil.client.InsightQuery;
import io.vigil.client.InsightStatus;
import io.vigil.client.IssueType;
import io.vigil.client.Severity;
import io.vigil.client.ValueCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The small model of the fixture and of the list rules that list.test.js derives every expected list and count from:
 * {@link #expected} is what the list answers for a scope and an {@link InsightQuery}, {@link #expectedCounts} what a
 * counts route answers.
 */
final class Fixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fixture's lines, parsed, in file order. */
    static final List<JsonNode> LINES = read();

    private Fixture() {}

    private static List<JsonNode> read() {
        try {
            return Files.readAllLines(Compat.FIXTURE).stream()
                    .filter(line -> !line.isBlank())
                    .map(Fixture::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line of the insight {@code id}. */
    static JsonNode line(String id) {
        return LINES.stream()
                .filter(l -> l.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** An imported insight as the list renders it (imported defaults: status active, not dismissed, ""). */
    static Insight rendered(JsonNode line) {
        return new Insight(
                line.path("id").asText(),
                line.path("dismissed").asBoolean(false),
                line.has("context"),
                line.path("issue_class").asText(),
                IssueType.valueOf(line.path("issue_type").asText().toUpperCase(Locale.ROOT)),
                line.path("payload"),
                text(line, "product"),
                line.path("resolve_link").asText(""),
                line.path("resolve_text").asText(""),
                Severity.valueOf(line.path("severity").asText().toUpperCase(Locale.ROOT)),
                Instant.parse(line.path("since").asText()),
                InsightStatus.valueOf(line.path("status").asText("active").toUpperCase(Locale.ROOT)),
                line.path("subject").asText(),
                Instant.parse(line.path("timestamp").asText()),
                line.hasNonNull("user_classification")
                        ? Classification.valueOf(
                                line.path("user_classification").asText().toUpperCase(Locale.ROOT))
                        : null,
                null);
    }

    /** What the list answers for {@code scope} and {@code query}'s filters, in the documented order. */
    static List<Insight> expected(Compat.Scope scope, InsightQuery query) {
        return LINES.stream()
                .filter(l -> scope.id().equals(text(l, scope.isZone() ? "zone_id" : "account_id")))
                .filter(l -> matches(l, query))
                .sorted(Comparator.comparing((JsonNode l) -> l.path("timestamp").asText())
                        .reversed()
                        .thenComparing(l -> l.path("id").asText()))
                .map(Fixture::rendered)
                .toList();
    }

    /** Every insight of {@code scope} the default list holds. */
    static List<Insight> expected(Compat.Scope scope) {
        return expected(scope, InsightQuery.ALL);
    }

    /** What a counts route answers: {@code [{count, value}]}, largest count first, then by value. */
    static List<ValueCount> expectedCounts(Compat.Scope scope, InsightQuery query, Function<Insight, String> field) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Insight insight : expected(scope, query)) {
            counts.merge(field.apply(insight), 1L, Long::sum);
        }
        return counts.entrySet().stream()
                .map(e -> new ValueCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value))
                .toList();
    }

    /** A severity as the counts name it ({@code Low}). */
    static String severityValue(Insight insight) {
        String name = insight.severity().name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    static List<String> ids(List<Insight> insights) {
        return insights.stream().map(Insight::id).toList();
    }

    private static boolean matches(JsonNode l, InsightQuery q) {
        String severity = l.path("severity").asText().toLowerCase(Locale.ROOT);
        return in(text(l, "issue_class"), q.issueClass(), q.issueClassNot(), Function.identity())
                && in(text(l, "issue_type"), q.issueType(), q.issueTypeNot(), IssueType::wireName)
                && in(text(l, "product"), q.product(), q.productNot(), Function.identity())
                && in(severity, q.severity(), q.severityNot(), Severity::wireName)
                && in(text(l, "subject"), q.subject(), q.subjectNot(), Function.identity())
                && (q.source().isEmpty() || q.source().contains(FindingSource.CLOUDFLARE))
                && l.path("dismissed").asBoolean(false) == (q.dismissed() != null && q.dismissed());
    }

    private static <T> boolean in(@Nullable String value, List<T> wanted, List<T> unwanted, Function<T, String> name) {
        List<String> want = wanted.stream().map(name).toList();
        List<String> refuse = unwanted.stream().map(name).toList();
        return (want.isEmpty() || want.contains(value)) && !refuse.contains(value);
    }

    private static @Nullable String text(JsonNode line, String field) {
        return line.hasNonNull(field) ? line.path(field).asText() : null;
    }
}
