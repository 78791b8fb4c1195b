package io.vigil.http;

import io.vigil.insight.FindingSource;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads the list and count filters of the insights endpoints from a query string. */
final class InsightQuery {
    /** The filters; each but {@code dismissed} has a negated {@code ~neq} twin. */
    static final Set<String> FILTERS = Stream.of("issue_class", "issue_type", "product", "severity", "subject")
            .flatMap(name -> Stream.of(name, name + "~neq"))
            .collect(Collectors.toCollection(LinkedHashSet::new));

    static final Set<String> COUNT_PARAMS = with(FILTERS, "dismissed", "source");
    static final Set<String> LIST_PARAMS = with(COUNT_PARAMS, "page", "per_page");

    /** The values each enum filter accepts, for its error message: built once, not per request. */
    private static final String ISSUE_TYPES = wireNames(IssueType.values(), IssueType::wireName);

    private static final String SEVERITIES = wireNames(Severity.values(), Severity::queryName);
    private static final String SOURCES = wireNames(FindingSource.values(), FindingSource::wireName);

    /** The longest value of a free-text filter (class, product, subject). */
    private static final int MAX_TEXT = 1024;

    private InsightQuery() {}

    static InsightFilter filter(QueryParams query) {
        return new InsightFilter(
                text(query, "issue_class"),
                text(query, "issue_class~neq"),
                enums(query, "issue_type", IssueType::fromWireName, ISSUE_TYPES),
                enums(query, "issue_type~neq", IssueType::fromWireName, ISSUE_TYPES),
                text(query, "product"),
                text(query, "product~neq"),
                enums(query, "severity", Severity::parse, SEVERITIES),
                enums(query, "severity~neq", Severity::parse, SEVERITIES),
                text(query, "subject"),
                text(query, "subject~neq"),
                query.bool("dismissed", false),
                sources(query));
    }

    /** The finding sources asked for, by their wire names. */
    private static Set<String> sources(QueryParams query) {
        Set<FindingSource> sources = enums(query, "source", FindingSource::fromWireName, SOURCES);
        return sources.stream().map(FindingSource::wireName).collect(Collectors.toSet());
    }

    private static Set<String> text(QueryParams query, String name) {
        List<String> values = query.list(name);
        for (String value : values) {
            if (value.length() > MAX_TEXT) {
                throw QueryParams.invalid(name + " values must be at most " + MAX_TEXT + " characters long");
            }
        }
        return Set.copyOf(values);
    }

    private static <T> Set<T> enums(
            QueryParams query, String name, Function<String, Optional<T>> parse, String allowed) {
        Set<T> parsed = new LinkedHashSet<>();
        for (String value : query.list(name)) {
            parsed.add(parse.apply(value)
                    .orElseThrow(() -> QueryParams.invalid(
                            name + " must be one of " + allowed + "; got '" + Messages.quote(value) + "'")));
        }
        return parsed;
    }

    private static <T> String wireNames(T[] values, Function<T, String> name) {
        return Stream.of(values).map(name).collect(Collectors.joining(", "));
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new LinkedHashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
