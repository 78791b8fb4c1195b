package io.vigil.http;

import com.fasterxml.jackson.core.JsonToken;
import io.vigil.auth.Principal;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.Count;
import io.vigil.insight.CountField;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightPage;
import io.vigil.insight.InsightService;
import io.vigil.insight.IssueType;
import io.vigil.tenant.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The insight collection: list, counts, dismiss, an insight's extended context, and the issue types. */
final class InsightsHandler {
    /** Page size when {@code per_page} is absent, and the largest one accepted. */
    static final int DEFAULT_PER_PAGE = 25;

    static final int MAX_PER_PAGE = 1000;

    /** The largest {@code page} accepted: far past any real result, small enough to never overflow. */
    static final int MAX_PAGE = 1_000_000;

    /** {@code within_days} of the expiring list when absent, and the largest accepted (ten years). */
    static final int DEFAULT_WITHIN_DAYS = 30;

    static final int MAX_WITHIN_DAYS = 3650;

    private final InsightService insights;

    InsightsHandler(InsightService insights) {
        this.insights = insights;
    }

    ApiResponse list(ApiRequest request, Scope scope, Principal principal) {
        QueryParams query = request.query(InsightQuery.LIST_PARAMS);
        InsightFilter filter = InsightQuery.filter(query);
        int page = query.integer("page", 1, MAX_PAGE);
        int perPage = query.integer("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE);
        return page(insights.list(scope, filter, page, perPage), page, perPage);
    }

    /**
     * Vigil's: the insights of the scope whose classification expires within {@code within_days} (default
     * {@value #DEFAULT_WITHIN_DAYS}; those already due included), soonest first, in the list's shape.
     */
    ApiResponse expiring(ApiRequest request, Scope scope, Principal principal) {
        QueryParams query = request.query(Set.of("within_days", "page", "per_page"));
        int withinDays = query.integer("within_days", DEFAULT_WITHIN_DAYS, MAX_WITHIN_DAYS);
        int page = query.integer("page", 1, MAX_PAGE);
        int perPage = query.integer("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE);
        return page(insights.expiring(scope, Duration.ofDays(withinDays), page, perPage), page, perPage);
    }

    private static ApiResponse page(InsightPage result, int page, int perPage) {
        return ApiResponse.ok(Envelope.success(
                json -> {
                    json.writeStartObject();
                    json.writeNumberField("count", result.totalCount());
                    json.writeArrayFieldStart("issues");
                    for (Insight insight : result.issues()) {
                        InsightJson.write(json, insight);
                    }
                    json.writeEndArray();
                    json.writeNumberField("page", page);
                    json.writeNumberField("per_page", perPage);
                    json.writeEndObject();
                },
                json -> {
                    json.writeNumberField("page", page);
                    json.writeNumberField("per_page", perPage);
                    json.writeNumberField("count", result.issues().size());
                    json.writeNumberField("total_count", result.totalCount());
                    json.writeNumberField("total_pages", (result.totalCount() + perPage - 1) / perPage);
                }));
    }

    ApiResponse countByClass(ApiRequest request, Scope scope, Principal principal) {
        return count(request, scope, CountField.ISSUE_CLASS);
    }

    ApiResponse countBySeverity(ApiRequest request, Scope scope, Principal principal) {
        return count(request, scope, CountField.SEVERITY);
    }

    ApiResponse countByType(ApiRequest request, Scope scope, Principal principal) {
        return count(request, scope, CountField.ISSUE_TYPE);
    }

    private ApiResponse count(ApiRequest request, Scope scope, CountField field) {
        InsightFilter filter = InsightQuery.filter(request.query(InsightQuery.COUNT_PARAMS));
        List<Count> counts = insights.count(scope, filter, field);
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartArray();
            for (Count count : counts) {
                json.writeStartObject();
                json.writeNumberField("count", count.count());
                json.writeStringField("value", count.value());
                json.writeEndObject();
            }
            json.writeEndArray();
        }));
    }

    /** The issue types Vigil knows, in their declared order: the same list for every account. */
    ApiResponse issueTypes(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartArray();
            for (IssueType type : IssueType.values()) {
                json.writeString(type.wireName());
            }
            json.writeEndArray();
        }));
    }

    ApiResponse dismiss(ApiRequest request, Scope scope, Principal principal) {
        String issueId = PathIds.issueId(request);
        request.query(Set.of());
        insights.dismiss(scope, issueId, dismissField(request.optionalJsonBody()), principal.actor());
        return ApiResponse.ok(Envelope.SUCCESS);
    }

    ApiResponse context(ApiRequest request, Scope scope, Principal principal) {
        String issueId = PathIds.issueId(request);
        request.query(Set.of());
        String context = insights.context(scope, issueId);
        return ApiResponse.ok(Envelope.success(json -> json.writeRawValue(context)));
    }

    /** {@code {"dismiss": true|false}}; absent means {@code true} (the call archives by default). */
    static boolean dismissField(byte[] body) {
        boolean[] dismiss = {true};
        JsonObjectBody.read(body, List.of("dismiss"), (name, value, json) -> {
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                throw new InvalidRequestException(ErrorCode.INVALID_FIELD, "dismiss must be true or false", "/dismiss");
            }
            dismiss[0] = value == JsonToken.VALUE_TRUE;
        });
        return dismiss[0];
    }
}
