package io.vigil.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightWire;
import io.vigil.tenant.Scope;
import io.vigil.text.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * One line of an import file: an insight in the API's shape plus {@code account_id} and an optional
 * {@code zone_id}. Parsing is strict: an unknown field is an error, so a typo never imports silently, and
 * every string, at any depth, must be well-formed Unicode ({@link StrictJson}), so what is stored is what the
 * line says.
 */
public final class InsightLine {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
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

    private InsightLine() {}

    /**
     * Reads the lines of an import file as {@code vigil insights import} does, each on its own (blank lines skipped),
     * {@code since} and {@code timestamp} defaulting to {@code now}: for the JUnit extension's seeds, so a seeded
     * line means what an imported one means.
     *
     * @throws IllegalArgumentException naming the line (from 1) and the field, for a line that is not an insight
     */
    public static List<Insight> parseAll(List<String> lines, Instant now) {
        SharedStrings shared = new SharedStrings();
        List<Insight> insights = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                insights.add(parse(lines.get(i).getBytes(StandardCharsets.UTF_8), now, shared));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return insights;
    }

    /**
     * Parses one line.
     *
     * @param line the line's bytes, which must be UTF-8 and hold only well-formed Unicode strings
     * @param now the default {@code since} and {@code timestamp}
     * @param shared where repeated values are shared from
     * @throws IllegalArgumentException with a message naming the field, if the line is not an insight
     */
    static Insight parse(byte[] line, Instant now, SharedStrings shared) {
        JsonNode node;
        try (JsonParser json = StrictJson.parser(JSON.getFactory(), line, 0, line.length, "line")) {
            node = JSON.readTree(json);
            if (json.nextToken() != null) {
                throw new IllegalArgumentException("content after the JSON object");
            }
        } catch (InvalidRequestException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not valid JSON (column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("parsing a string cannot fail to read", e);
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
        String id = required(node, "id");
        if (!Insight.isValidId(id)) {
            throw new IllegalArgumentException("id '" + id + "' must be 1-128 of A-Z a-z 0-9 . _ : -");
        }
        String accountId = required(node, "account_id");
        if (!Scope.isIdentifier(accountId)) {
            throw new IllegalArgumentException("account_id must be 32 lowercase hex characters");
        }
        String zoneId = optional(node, "zone_id");
        if (zoneId != null && !Scope.isIdentifier(zoneId)) {
            throw new IllegalArgumentException("zone_id must be 32 lowercase hex characters or null");
        }
        return InsightWire.read(new Strict(node, now, shared))
                .id(id)
                .accountId(shared.of(accountId))
                .zoneId(shared.ofNullable(zoneId))
                .build();
    }

    /** An import line's fields, strictly: a value of the wrong type is refused, naming the field. */
    private record Strict(JsonNode node, Instant now, SharedStrings strings) implements InsightWire.Fields {
        @Override
        public String required(String field) {
            return InsightLine.required(node, field);
        }

        @Override
        public @Nullable String optional(String field) {
            return InsightLine.optional(node, field);
        }

        @Override
        public <T> T known(String field, Function<String, Optional<T>> parse) {
            return parsed(node, field, parse);
        }

        @Override
        public boolean flag(String field) {
            return bool(node, field);
        }

        @Override
        public @Nullable String object(String field) {
            return InsightLine.object(node, field);
        }

        @Override
        public Instant time(String field) {
            return instant(node, field, now);
        }

        @Override
        public @Nullable Classification classification(String field) {
            return InsightLine.classification(node);
        }

        @Override
        public @Nullable String context() {
            return InsightLine.object(node, "context");
        }

        @Override
        public String shared(String value) {
            return strings.of(value);
        }
    }

    private static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static @Nullable String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.textValue();
    }

    private static <T> T parsed(JsonNode node, String field, Function<String, Optional<T>> parse) {
        String value = required(node, field);
        return parse.apply(value)
                .orElseThrow(() -> new IllegalArgumentException(field + " '" + value + "' is not a known value"));
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return value.booleanValue();
    }

    private static @Nullable String object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object");
        }
        return value.toString();
    }

    private static Instant instant(JsonNode node, String field, Instant fallback) {
        String value = optional(node, field);
        try {
            return value == null ? fallback : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not an RFC 3339 UTC time");
        }
    }

    private static @Nullable Classification classification(JsonNode node) {
        String value = optional(node, "user_classification");
        if (value == null) {
            return null;
        }
        return Classification.fromWireName(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "user_classification '" + value + "' must be false_positive, accept_risk, other or null"));
    }
}
