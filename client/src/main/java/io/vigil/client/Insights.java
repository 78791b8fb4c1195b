package io.vigil.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The insights of an account or a zone ({@code …/security-center/insights}): list, count, classify, dismiss, and
 * their audit log. Thread-safe.
 */
public abstract sealed class Insights permits AccountInsights, ZoneInsights {
    final Http http;
    /** {@code /accounts/{id}/security-center/insights} or the zone's. */
    final String root;

    Insights(Http http, String scopePath) {
        this.http = http;
        this.root = scopePath + "/security-center/insights";
    }

    /** Every insight, page by page as iterated. */
    public final Paged<Insight> list() {
        return list(InsightQuery.ALL);
    }

    /** The insights {@code query} matches, newest first, page by page as iterated. */
    public final Paged<Insight> list(InsightQuery query) {
        return Pages.byNumber(http, query.page(), page -> Call.get(root, query.page(page)), Insight.class);
    }

    /** How many insights there are of each {@code issue_class}. */
    public final List<ValueCount> countByClass(InsightQuery query) {
        return counts("/class", query);
    }

    /** How many insights there are of each {@code severity}. */
    public final List<ValueCount> countBySeverity(InsightQuery query) {
        return counts("/severity", query);
    }

    /** How many insights there are of each {@code issue_type}. */
    public final List<ValueCount> countByType(InsightQuery query) {
        return counts("/type", query);
    }

    private List<ValueCount> counts(String path, InsightQuery query) {
        return Json.readList(http.result(Call.get(root + path, query.filters())), ValueCount.class);
    }

    /**
     * Sets an insight's classification ({@code rationale} is required for {@link Classification#ACCEPT_RISK} and
     * {@link Classification#OTHER}). Setting the value it already has succeeds and changes nothing; changing one
     * value to another directly is refused ({@link ConflictException}, code 1200): reset it first.
     */
    public final void classify(String issueId, Classification classification, @Nullable String rationale) {
        classify(issueId, ClassificationUpdate.set(classification, rationale));
    }

    /** Applies {@code update} to an insight's classification (a set, a reset, with Vigil's expiry or without). */
    public final void classify(String issueId, ClassificationUpdate update) {
        http.send(Call.patch(insight(issueId) + "/classification", update.body()));
    }

    /** Resets an insight's classification to unclassified. */
    public final void resetClassification(String issueId) {
        classify(issueId, ClassificationUpdate.reset());
    }

    /** Dismisses ({@code true}) or restores ({@code false}) an insight; doing so twice is the same as once. */
    public final void dismiss(String issueId, boolean dismiss) {
        ObjectNode body = Json.object().put("dismiss", dismiss);
        http.send(Call.put(insight(issueId) + "/dismiss", body));
    }

    /** The changes of every insight here, page by page (by cursor) as iterated. */
    public final Paged<AuditLogEntry> auditLog(AuditLogQuery query) {
        return auditLogAt(root + "/audit-log", query);
    }

    /** The changes of one insight, page by page (by cursor) as iterated. */
    public final Paged<AuditLogEntry> auditLog(String issueId, AuditLogQuery query) {
        return auditLogAt(insight(issueId) + "/audit-log", query);
    }

    private Paged<AuditLogEntry> auditLogAt(String path, AuditLogQuery query) {
        return Pages.byCursor(cursor -> http.send(Call.get(path, query.page(cursor))), AuditLogEntry.class);
    }

    final String insight(String issueId) {
        Objects.requireNonNull(issueId, "issueId == null");
        return root + "/" + Query.encode(issueId);
    }
}
