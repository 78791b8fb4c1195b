package io.vigil.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import java.io.IOException;
import java.time.Instant;

/** Writes an insight in the API's shape (the object inside {@code result.issues[]}). */
final class InsightJson {
    private InsightJson() {}

    static void write(JsonGenerator json, Insight insight) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", insight.id());
        json.writeBooleanField("dismissed", insight.dismissed());
        json.writeBooleanField("has_extended_context", insight.hasExtendedContext());
        json.writeStringField("issue_class", insight.issueClass());
        json.writeStringField("issue_type", insight.issueType().wireName());
        json.writeFieldName("payload");
        json.writeRawValue(insight.payloadJson());
        if (insight.product() != null) {
            json.writeStringField("product", insight.product());
        }
        json.writeStringField("resolve_link", insight.resolveLink());
        json.writeStringField("resolve_text", insight.resolveText());
        json.writeStringField("severity", insight.severity().wireName());
        json.writeStringField("since", insight.since().toString());
        json.writeStringField("status", insight.status().wireName());
        json.writeStringField("subject", insight.subject());
        json.writeStringField("timestamp", insight.timestamp().toString());
        Classification classification = insight.userClassification();
        if (classification == null) {
            json.writeNullField("user_classification");
        } else {
            json.writeStringField("user_classification", classification.wireName());
        }
        Instant expires = insight.classificationExpiresOn();
        if (expires != null) { // Vigil's: only an insight classified with an expiry has it
            json.writeStringField("classification_expires_on", expires.toString());
        }
        json.writeEndObject();
    }
}
