package io.vigil.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Cloudflare's deprecated names of an account's insight operations ({@code /accounts/{id}/intel/attack-surface-report}):
 * the same answers as their {@code security-center/insights} twins on {@link AccountInsights}.
 *
 * @deprecated Cloudflare deprecated these routes; use {@link Account#insights()}.
 */
@Deprecated
public final class AttackSurfaceReport {
    private final Http http;
    private final String root;

    AttackSurfaceReport(Http http, String accountPath) {
        this.http = http;
        this.root = accountPath + "/intel/attack-surface-report";
    }

    /**
     * Every issue type there is.
     *
     * @deprecated use the values of {@link IssueType}
     */
    @Deprecated
    public List<IssueType> issueTypes() {
        return Json.readList(http.result(Call.get(root + "/issue-types")), IssueType.class);
    }

    /**
     * The insights {@code query} matches, page by page as iterated.
     *
     * @deprecated use {@link Insights#list(InsightQuery)}
     */
    @Deprecated
    public Paged<Insight> issues(InsightQuery query) {
        return Pages.byNumber(http, query.page(), page -> Call.get(root + "/issues", query.page(page)), Insight.class);
    }

    /**
     * How many insights there are of each class.
     *
     * @deprecated use {@link Insights#countByClass(InsightQuery)}
     */
    @Deprecated
    public List<ValueCount> countByClass(InsightQuery query) {
        return counts("/issues/class", query);
    }

    /**
     * How many insights there are of each severity.
     *
     * @deprecated use {@link Insights#countBySeverity(InsightQuery)}
     */
    @Deprecated
    public List<ValueCount> countBySeverity(InsightQuery query) {
        return counts("/issues/severity", query);
    }

    /**
     * How many insights there are of each type.
     *
     * @deprecated use {@link Insights#countByType(InsightQuery)}
     */
    @Deprecated
    public List<ValueCount> countByType(InsightQuery query) {
        return counts("/issues/type", query);
    }

    /**
     * Dismisses ({@code true}) or restores ({@code false}) an insight.
     *
     * @deprecated use {@link Insights#dismiss(String, boolean)}
     */
    @Deprecated
    public void dismiss(String issueId, boolean dismiss) {
        ObjectNode body = Json.object().put("dismiss", dismiss);
        http.send(Call.put(root + "/" + Query.encode(issueId) + "/dismiss", body));
    }

    private List<ValueCount> counts(String path, InsightQuery query) {
        return Json.readList(http.result(Call.get(root + path, query.filters())), ValueCount.class);
    }
}
