package io.vigil.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.AuditLog;
import io.vigil.audit.AuditPage;
import io.vigil.audit.AuditQuery;
import io.vigil.auth.Principal;
import io.vigil.insight.InsightService;
import io.vigil.tenant.Scope;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** {@code GET …/insights/audit-log} and {@code GET …/insights/{issue_id}/audit-log}: cursor pages. */
record AuditLogHandler(AuditLog auditLog, InsightService insights, AuditCursor cursors) {
    private static final Set<String> PARAMS =
            Set.of("since", "before", "changed_by", "field_changed", "order", "per_page", "cursor");

    ApiResponse list(ApiRequest request, Scope scope, Principal principal) {
        return page(request, scope, null);
    }

    ApiResponse listByInsight(ApiRequest request, Scope scope, Principal principal) {
        String issueId = PathIds.issueId(request);
        insights.require(scope, issueId);
        return page(request, scope, issueId);
    }

    private ApiResponse page(ApiRequest request, Scope scope, @Nullable String issueId) {
        QueryParams query = request.query(PARAMS);
        Instant since = instant(query, "since");
        Instant before = instant(query, "before");
        String changedBy = query.single("changed_by");
        AuditField field = field(query.single("field_changed"));
        AuditQuery.Order order = order(query.single("order"));
        int perPage = query.integer("per_page", InsightsHandler.DEFAULT_PER_PAGE, InsightsHandler.MAX_PER_PAGE);
        String fingerprint = String.join(
                "\n",
                scope.getClass().getSimpleName(),
                scope.id(),
                String.valueOf(issueId),
                String.valueOf(since),
                String.valueOf(before),
                String.valueOf(changedBy),
                String.valueOf(field),
                order.name());
        String cursor = query.single("cursor");
        UUID after = cursor == null ? null : cursors.decode(cursor, fingerprint);
        AuditPage page =
                auditLog.list(new AuditQuery(scope, issueId, since, before, changedBy, field, order, after, perPage));
        String next = page.hasMore()
                ? cursors.encode(
                        page.items().get(page.items().size() - 1).entry().id(), fingerprint)
                : null;
        return ApiResponse.ok(Envelope.success(
                json -> {
                    json.writeStartArray();
                    for (AuditPage.Item item : page.items()) {
                        write(json, item);
                    }
                    json.writeEndArray();
                },
                json -> {
                    json.writeNumberField("count", page.items().size());
                    json.writeNumberField("per_page", perPage);
                    if (next != null) {
                        json.writeStringField("cursor", next);
                    }
                }));
    }

    /**
     * An entry in Cloudflare's shape, plus {@code changed_by_name} and, for a change made by a bulk, {@code
     * bulk_id} (docs/extensions.md).
     */
    static void write(JsonGenerator json, AuditPage.Item item) throws IOException {
        AuditEntry entry = item.entry();
        json.writeStartObject();
        EntryJson.writeFields(json, entry, EntryJson.Shape.CLOUDFLARE);
        json.writeStringField("changed_by_name", item.changedByName());
        UUID bulkId = item.bulkId();
        if (bulkId != null) {
            json.writeStringField("bulk_id", bulkId.toString());
        }
        if (item.zoneNumber() != null) {
            json.writeNumberField("zone_id", item.zoneNumber());
        }
        json.writeEndObject();
    }

    private static @Nullable Instant instant(QueryParams query, String name) {
        String value = query.single(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw QueryParams.invalid(name + " must be an RFC 3339 time such as 2026-11-25T08:00:00Z; got '"
                    + Messages.quote(value) + "'");
        }
    }

    private static @Nullable AuditField field(@Nullable String value) {
        if (value == null) {
            return null;
        }
        for (AuditField field : AuditField.values()) {
            if (field.inCloudflareView() && field.wireName().equals(value)) {
                return field;
            }
        }
        throw QueryParams.invalid(
                "field_changed must be status or user_classification; got '" + Messages.quote(value) + "'");
    }

    private static AuditQuery.Order order(@Nullable String value) {
        if (value == null || value.equals("desc")) {
            return AuditQuery.Order.DESC;
        }
        if (value.equals("asc")) {
            return AuditQuery.Order.ASC;
        }
        throw QueryParams.invalid("order must be asc or desc; got '" + Messages.quote(value) + "'");
    }
}
