package io.vigil.insight;

import java.util.List;

/**
 * One page of a filtered insight list.
 *
 * @param totalCount how many insights pass the filter, on all pages
 */
public record InsightPage(List<Insight> issues, long totalCount) {
    public InsightPage {
        issues = List.copyOf(issues);
    }
}
