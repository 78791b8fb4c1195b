package io.vigil.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the insight list and counts, and where the list's paging starts. Several values of one filter are
 * OR-ed, different filters AND-ed, and each {@code …Not} excludes its values ({@code severity~neq}). The counts take
 * the filters only: {@link #page()} and {@link #perPage()} are not sent to them.
 *
 * @param dismissed only dismissed ({@code true}) or only not dismissed ({@code false}) insights; {@code null}: both
 * @param page the first page the list requests (from 1)
 * @param perPage the page size the list asks for; {@code null}: the server's default
 */
public record InsightQuery(
        @Nullable Boolean dismissed,
        List<String> issueClass,
        List<String> issueClassNot,
        List<IssueType> issueType,
        List<IssueType> issueTypeNot,
        List<String> product,
        List<String> productNot,
        List<Severity> severity,
        List<Severity> severityNot,
        List<String> subject,
        List<String> subjectNot,
        List<FindingSource> source,
        int page,
        @Nullable Integer perPage) {
    /** Every insight, from page 1 at the server's page size. */
    public static final InsightQuery ALL = builder().build();

    /**
     * Copies the lists; refuses a page below 1, a page size outside 1 to 1000, and the {@code UNKNOWN} constants
     * (read from a newer server, they name no value a server takes).
     */
    public InsightQuery {
        issueClass = List.copyOf(issueClass);
        issueClassNot = List.copyOf(issueClassNot);
        issueType = List.copyOf(issueType);
        issueTypeNot = List.copyOf(issueTypeNot);
        product = List.copyOf(product);
        productNot = List.copyOf(productNot);
        severity = List.copyOf(severity);
        severityNot = List.copyOf(severityNot);
        subject = List.copyOf(subject);
        subjectNot = List.copyOf(subjectNot);
        source = List.copyOf(source);
        refuseUnknown("issueType", issueType, IssueType.UNKNOWN);
        refuseUnknown("issueTypeNot", issueTypeNot, IssueType.UNKNOWN);
        refuseUnknown("severity", severity, Severity.UNKNOWN);
        refuseUnknown("severityNot", severityNot, Severity.UNKNOWN);
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1; got " + page);
        }
        if (perPage != null && (perPage < 1 || perPage > 1000)) {
            throw new IllegalArgumentException("perPage must be from 1 to 1000; got " + perPage);
        }
    }

    private static <E extends Enum<E>> void refuseUnknown(String filter, List<E> values, E unknown) {
        if (values.contains(unknown)) {
            throw new IllegalArgumentException(
                    filter + " must not hold UNKNOWN: it is read from newer servers and is never sent");
        }
    }

    /** A builder of a query that matches everything until told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The filters as a query string ({@code severity=critical&issue_type=exposed_infrastructure}), without paging:
     * what Vigil's bulk routes take as {@code filter}.
     */
    public String filterString() {
        return filters().encoded();
    }

    /** The filters as query parameters, in the order the official SDK sends them. */
    Query filters() {
        Query query = new Query();
        if (dismissed != null) {
            query.add("dismissed", dismissed.toString());
        }
        query.addAll("issue_class", issueClass);
        query.addAll("issue_type", names(issueType, IssueType::wireName));
        query.addAll("product", product);
        query.addAll("severity", names(severity, Severity::wireName));
        query.addAll("subject", subject);
        query.addAll("issue_class~neq", issueClassNot);
        query.addAll("issue_type~neq", names(issueTypeNot, IssueType::wireName));
        query.addAll("product~neq", productNot);
        query.addAll("severity~neq", names(severityNot, Severity::wireName));
        query.addAll("subject~neq", subjectNot);
        query.addAll("source", names(source, FindingSource::wireName));
        return query;
    }

    /** The filters and the paging of page {@code number}. */
    Query page(int number) {
        Query query = filters().add("page", String.valueOf(number));
        if (perPage != null) {
            query.add("per_page", perPage.toString());
        }
        return query;
    }

    private static <E> List<String> names(List<E> values, Function<E, String> name) {
        return values.stream().map(name).toList();
    }

    /** Builds an {@link InsightQuery}; each filter method adds values to those given before. Not thread-safe. */
    public static final class Builder {
        private @Nullable Boolean dismissed;
        private final List<String> issueClass = new ArrayList<>();
        private final List<String> issueClassNot = new ArrayList<>();
        private final List<IssueType> issueType = new ArrayList<>();
        private final List<IssueType> issueTypeNot = new ArrayList<>();
        private final List<String> product = new ArrayList<>();
        private final List<String> productNot = new ArrayList<>();
        private final List<Severity> severity = new ArrayList<>();
        private final List<Severity> severityNot = new ArrayList<>();
        private final List<String> subject = new ArrayList<>();
        private final List<String> subjectNot = new ArrayList<>();
        private final List<FindingSource> source = new ArrayList<>();
        private int page = 1;
        private @Nullable Integer perPage;

        private Builder() {}

        /** Only dismissed ({@code true}) or only not dismissed ({@code false}) insights. */
        public Builder dismissed(boolean value) {
            this.dismissed = value;
            return this;
        }

        /** Insights of these classes ({@code issue_class}). */
        public Builder issueClass(String... values) {
            issueClass.addAll(Arrays.asList(values));
            return this;
        }

        /** Not insights of these classes ({@code issue_class~neq}). */
        public Builder issueClassNot(String... values) {
            issueClassNot.addAll(Arrays.asList(values));
            return this;
        }

        /** Insights of these types ({@code issue_type}). */
        public Builder issueType(IssueType... values) {
            issueType.addAll(Arrays.asList(values));
            return this;
        }

        /** Not insights of these types ({@code issue_type~neq}). */
        public Builder issueTypeNot(IssueType... values) {
            issueTypeNot.addAll(Arrays.asList(values));
            return this;
        }

        /** Insights of these products ({@code product}). */
        public Builder product(String... values) {
            product.addAll(Arrays.asList(values));
            return this;
        }

        /** Not insights of these products ({@code product~neq}). */
        public Builder productNot(String... values) {
            productNot.addAll(Arrays.asList(values));
            return this;
        }

        /** Insights of these severities ({@code severity}). */
        public Builder severity(Severity... values) {
            severity.addAll(Arrays.asList(values));
            return this;
        }

        /** Not insights of these severities ({@code severity~neq}). */
        public Builder severityNot(Severity... values) {
            severityNot.addAll(Arrays.asList(values));
            return this;
        }

        /** Insights about these subjects ({@code subject}), matched exactly. */
        public Builder subject(String... values) {
            subject.addAll(Arrays.asList(values));
            return this;
        }

        /** Not insights about these subjects ({@code subject~neq}). */
        public Builder subjectNot(String... values) {
            subjectNot.addAll(Arrays.asList(values));
            return this;
        }

        /** Findings from these sources ({@code source}). */
        public Builder source(FindingSource... values) {
            source.addAll(Arrays.asList(values));
            return this;
        }

        /** The page the list starts at (from 1; default 1). */
        public Builder page(int value) {
            this.page = value;
            return this;
        }

        /** The page size the list asks for (1 to 1000; default: the server's). */
        public Builder perPage(int value) {
            this.perPage = value;
            return this;
        }

        /** The query. */
        public InsightQuery build() {
            return new InsightQuery(
                    dismissed,
                    issueClass,
                    issueClassNot,
                    issueType,
                    issueTypeNot,
                    product,
                    productNot,
                    severity,
                    severityNot,
                    subject,
                    subjectNot,
                    source,
                    page,
                    perPage);
        }
    }
}
