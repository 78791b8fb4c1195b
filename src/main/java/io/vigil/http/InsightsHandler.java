package io.vigil.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import io.vigil.insight.InsightStore;
import io.vigil.tenant.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The insight collection: list, counts, dismiss, and an insight's extended context. */
final class InsightsHandler {
    /** Page size when {@code per_page} is absent, and the largest one accepted. */
    static final int DEFAULT_PER_PAGE = 25;

    static final int MAX_PER_PAGE = 1000;

    /** The largest {@code page} accepted: far past any real result, small enough to never overflow. */
    static final int MAX_PAGE = 1_000_000;

    private final InsightService insights;
    private final InsightStore store;

    InsightsHandler(InsightService insights, InsightStore store) {
        this.insights = insights;
        this.store = store;
    }

    ApiResponse list(ApiRequest request, Scope scope, Principal principal) {
        QueryParams query = request.query(InsightQuery.LIST_PARAMS);
        InsightFilter filter = InsightQuery.filter(query);
        int page = query.integer("page", 1, MAX_PAGE);
        int perPage = query.integer("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE);
        InsightPage result = store.list(scope, filter, page, perPage);
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
        List<Count> counts = store.count(scope, filter, field);
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

    ApiResponse dismiss(ApiRequest request, Scope scope, Principal principal) {
        String issueId = PathIds.issueId(request);
        request.query(java.util.Set.of());
        insights.dismiss(scope, issueId, dismissField(request.optionalJsonBody()));
        return ApiResponse.ok(Envelope.SUCCESS);
    }

    ApiResponse context(ApiRequest request, Scope scope, Principal principal) {
        String issueId = PathIds.issueId(request);
        request.query(java.util.Set.of());
        String context = insights.context(scope, issueId);
        return ApiResponse.ok(Envelope.success(json -> json.writeRawValue(context)));
    }

    /** {@code {"dismiss": true|false}}; absent means {@code true} (the call archives by default). */
    static boolean dismissField(byte[] body) {
        try (JsonParser json = JsonBody.parser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRequestException(ErrorCode.INVALID_FIELD, "request body must be a JSON object", "");
            }
            Boolean dismiss = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (!name.equals("dismiss")) {
                    throw new InvalidRequestException(
                            ErrorCode.UNKNOWN_FIELD,
                            "unknown field '" + Messages.quote(name) + "'; the body takes 'dismiss'",
                            ClassificationBody.pointer(name));
                }
                if (dismiss != null) {
                    throw new InvalidRequestException(
                            ErrorCode.MALFORMED_JSON, "field 'dismiss' appears more than once", "/dismiss");
                }
                if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                    throw new InvalidRequestException(
                            ErrorCode.INVALID_FIELD, "dismiss must be true or false", "/dismiss");
                }
                dismiss = value == JsonToken.VALUE_TRUE;
            }
            if (json.nextToken() != null) {
                throw new InvalidRequestException(
                        ErrorCode.MALFORMED_JSON, "request body has content after the JSON object", "");
            }
            return dismiss == null || dismiss;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(ErrorCode.MALFORMED_JSON, "request body is not valid JSON", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
