package io.vigil.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.Change;
import io.vigil.insight.Insight;
import io.vigil.webhook.EventKind;
import io.vigil.webhook.Payloads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * A delivery's body, in the Standard Webhooks shape: {@code type}, {@code timestamp} (when the change was made)
 * and {@code data}: the change's {@code position} in the sealed log, its {@code entry} (its fields as the leaf
 * hashes them, as the proof route shows them: {@code zone_id} is the zone's tag; and {@code bulk_id} when a bulk
 * made it) and the {@code insight} as the list shows it now.
 */
public final class WebhookPayloads implements Payloads {
    @Override
    public byte[] body(EventKind kind, Change change, @Nullable Insight insight) {
        AuditEntry entry = change.entry();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = Envelope.JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("type", kind.wireName());
            json.writeStringField("timestamp", entry.changedAt().toString());
            json.writeObjectFieldStart("data");
            json.writeNumberField("position", change.position());
            json.writeObjectFieldStart("entry");
            EntryJson.writeFields(json, entry, EntryJson.Shape.DELIVERY);
            if (change.bulkId() != null) {
                json.writeStringField("bulk_id", change.bulkId().toString());
            }
            json.writeEndObject();
            if (insight == null) {
                json.writeNullField("insight");
            } else {
                json.writeFieldName("insight");
                InsightJson.write(json, insight);
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
