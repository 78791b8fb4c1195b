package io.vigil.junit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightWire;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Lines of a {@code vigil insights import} file read as insights: the fields the import takes, read through the
 * server's own wire mapping ({@link InsightWire}), so a seeded line is stored as the import would store it (its
 * {@code status}, {@code dismissed}, {@code user_classification} and {@code context} included, with no change-log
 * entry of its own). Unknown fields are refused, as the import refuses them.
 */
final class ImportLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of(
            "id",
            "account_id",
            "zone_id",
            "issue_class",
            "issue_type",
            "severity",
            "subject",
            "status",
            "dismissed",
            "payload",
            "context",
            "has_extended_context",
            "product",
            "resolve_link",
            "resolve_text",
            "since",
            "timestamp",
            "user_classification");

    private ImportLines() {}

    /**
     * The insights of {@code lines} (blank lines skipped), {@code since} and {@code timestamp} defaulting to {@code
     * now} as the import's do.
     *
     * @throws IllegalArgumentException naming the line (from 1) and the field, for a line that is not an insight
     */
    static List<Insight> read(List<String> lines, Instant now) {
        List<Insight> insights = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                insights.add(read(lines.get(i), now));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return insights;
    }

    private static Insight read(String line, Instant now) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'");
            }
        }
        Line fields = new Line(node, now);
        return InsightWire.read(fields)
                .id(fields.required("id"))
                .accountId(fields.required("account_id"))
                .zoneId(fields.optional("zone_id"))
                .build();
    }

    /** One line's fields, each of the type the import requires. */
    private record Line(JsonNode node, Instant now) implements InsightWire.Fields {
        @Override
        public String required(String field) {
            String value = optional(field);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " is required");
            }
            return value;
        }

        @Override
        public @Nullable String optional(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException(field + " must be a string");
            }
            return value.textValue();
        }

        @Override
        public <T> T known(String field, Function<String, Optional<T>> parse) {
            String value = required(field);
            return parse.apply(value)
                    .orElseThrow(() -> new IllegalArgumentException(field + " '" + value + "' is not a known value"));
        }

        @Override
        public boolean flag(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return false;
            }
            if (!value.isBoolean()) {
                throw new IllegalArgumentException(field + " must be true or false");
            }
            return value.booleanValue();
        }

        @Override
        public @Nullable String object(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                throw new IllegalArgumentException(field + " must be a JSON object");
            }
            return value.toString();
        }

        @Override
        public Instant time(String field) {
            String value = optional(field);
            try {
                return value == null ? now : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " '" + value + "' is not an RFC 3339 UTC time", e);
            }
        }

        @Override
        public @Nullable Classification classification(String field) {
            String value = optional(field);
            return value == null
                    ? null
                    : Classification.fromWireName(value)
                            .orElseThrow(() -> new IllegalArgumentException(
                                    field + " '" + value + "' must be false_positive, accept_risk, other or null"));
        }

        @Override
        public @Nullable String context() {
            return object("context");
        }
    }
}
