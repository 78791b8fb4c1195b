package io.vigil.http;

import io.vigil.auth.Principal;
import io.vigil.bulk.BulkOutcome;
import io.vigil.bulk.Bulks;
import io.vigil.error.ApiException;
import io.vigil.tenant.Scope;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /vigil/{accounts|zones}/{id}/insights/bulk/classification} and {@code …/bulk/dismiss}: Vigil's
 * all-or-nothing bulk triage.
 */
record BulkHandler(Bulks bulks) {
    ApiResponse classify(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        return render(bulks.changeAll(scope, BulkBody.classification(request.jsonBody()), principal.actor()));
    }

    ApiResponse dismiss(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        return render(bulks.changeAll(scope, BulkBody.dismissal(request.jsonBody()), principal.actor()));
    }

    private static ApiResponse render(BulkOutcome outcome) {
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartObject();
            UUID bulkId = outcome.bulkId();
            if (bulkId == null || !outcome.applied()) {
                json.writeNullField("bulk_id");
            } else {
                json.writeStringField("bulk_id", bulkId.toString());
            }
            json.writeBooleanField("applied", outcome.applied());
            json.writeStringField("states_token", outcome.statesToken());
            json.writeObjectFieldStart("totals");
            for (BulkOutcome.Kind kind : BulkOutcome.Kind.values()) {
                json.writeNumberField(kind.name().toLowerCase(Locale.ROOT), outcome.count(kind));
            }
            json.writeEndObject();
            json.writeArrayFieldStart("items");
            for (BulkOutcome.Item item : outcome.items()) {
                json.writeStartObject();
                json.writeStringField("id", item.issueId());
                json.writeStringField("outcome", item.kind().name().toLowerCase(Locale.ROOT));
                ApiException refusal = item.refusal();
                if (refusal != null) {
                    json.writeObjectFieldStart("error");
                    json.writeNumberField("code", refusal.code().code());
                    json.writeStringField("message", refusal.getMessage());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }
}
