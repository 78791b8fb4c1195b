package io.vigil.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.audit.AuditEntry;
import java.io.IOException;

/** The one writer of a change-log entry's fields, in the order every shape shares. */
final class EntryJson {
    /** Which of an entry's fields a route shows, and how it spells the time. */
    enum Shape {
        /** Cloudflare's audit-log view: no account or zone id, {@code changed_at} in RFC 3339. */
        CLOUDFLARE(false, false),
        /** The fields exactly as hashed into the entry's leaf: with the scope, {@code changed_at_ms}. */
        LEAF(true, true),
        /** A webhook delivery's entry: with the scope, {@code changed_at} in RFC 3339. */
        DELIVERY(true, false);

        private final boolean withScope;
        private final boolean millis;

        Shape(boolean withScope, boolean millis) {
            this.withScope = withScope;
            this.millis = millis;
        }
    }

    private EntryJson() {}

    /** Writes {@code entry}'s fields in {@code shape} into the object {@code json} has open. */
    static void writeFields(JsonGenerator json, AuditEntry entry, Shape shape) throws IOException {
        json.writeStringField("id", entry.id().toString());
        json.writeStringField("issue_id", entry.issueId());
        if (shape.withScope) {
            json.writeStringField("account_id", entry.accountId());
            json.writeStringField("zone_id", entry.zoneId());
        }
        json.writeStringField("field_changed", entry.fieldChanged().wireName());
        json.writeStringField("previous_value", entry.previousValue());
        json.writeStringField("current_value", entry.currentValue());
        json.writeStringField("rationale", entry.rationale());
        json.writeStringField("changed_by", entry.changedBy());
        if (shape.millis) {
            json.writeNumberField("changed_at_ms", entry.changedAt().toEpochMilli());
        } else {
            json.writeStringField("changed_at", entry.changedAt().toString());
        }
    }
}
