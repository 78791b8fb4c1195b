package io.vigil.insight;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the insight list and count endpoints. Several values of one filter are OR-ed, different
 * filters are AND-ed, and each {@code excluded…} set removes its values. An empty set does not filter.
 *
 * @param dismissed {@code true}: only dismissed insights; {@code false}: only the others
 * @param sources the finding sources asked for ({@code cloudflare}, {@code riskrecon}); every insight Vigil holds
 *     comes from {@link #CLOUDFLARE}, so a filter without it matches nothing
 */
public record InsightFilter(
        Set<String> issueClasses,
        Set<String> excludedIssueClasses,
        Set<IssueType> issueTypes,
        Set<IssueType> excludedIssueTypes,
        Set<String> products,
        Set<String> excludedProducts,
        Set<Severity> severities,
        Set<Severity> excludedSeverities,
        Set<String> subjects,
        Set<String> excludedSubjects,
        boolean dismissed,
        Set<String> sources) {

    /** The source of every insight Vigil holds (imported from Cloudflare's scanner or one like it). */
    public static final String CLOUDFLARE = FindingSource.CLOUDFLARE.wireName();

    /** The default view: every insight that is not dismissed. */
    public static final InsightFilter DEFAULT = new InsightFilter(
            Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), false,
            Set.of());

    public InsightFilter {
        issueClasses = Set.copyOf(issueClasses);
        excludedIssueClasses = Set.copyOf(excludedIssueClasses);
        issueTypes = Set.copyOf(issueTypes);
        excludedIssueTypes = Set.copyOf(excludedIssueTypes);
        products = Set.copyOf(products);
        excludedProducts = Set.copyOf(excludedProducts);
        severities = Set.copyOf(severities);
        excludedSeverities = Set.copyOf(excludedSeverities);
        subjects = Set.copyOf(subjects);
        excludedSubjects = Set.copyOf(excludedSubjects);
        sources = Set.copyOf(sources);
    }

    /** Whether the source filter lets Vigil's insights through at all. */
    public boolean admitsSource() {
        return sources.isEmpty() || sources.contains(CLOUDFLARE);
    }

    /** Whether {@code insight} passes every filter: the reference semantics the stores must match. */
    public boolean test(Insight insight) {
        return insight.dismissed() == dismissed && testApartFromDismissal(insight);
    }

    /**
     * Whether {@code insight} passes every filter but {@code dismissed}: whether dismissing or restoring it
     * moves it out of or into this filter's list.
     */
    public boolean testApartFromDismissal(Insight insight) {
        return admitsSource()
                && passes(issueClasses, excludedIssueClasses, insight.issueClass())
                && passes(issueTypes, excludedIssueTypes, insight.issueType())
                && passes(products, excludedProducts, insight.product())
                && passes(severities, excludedSeverities, insight.severity())
                && passes(subjects, excludedSubjects, insight.subject());
    }

    private static <T> boolean passes(Set<T> included, Set<T> excluded, @Nullable T value) {
        if (!included.isEmpty() && (value == null || !included.contains(value))) {
            return false;
        }
        return value == null || !excluded.contains(value);
    }
}
