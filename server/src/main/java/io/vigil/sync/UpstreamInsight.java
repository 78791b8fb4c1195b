package io.vigil.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightWire;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An insight as an upstream list answers it ({@code result.issues[]}), read into Vigil's {@link Insight} for the
 * account or zone it was listed under. Fields Vigil does not keep are ignored (the API may add some); a missing or
 * unknown required value refuses that insight with a message naming the field.
 */
final class UpstreamInsight {
    private UpstreamInsight() {}

    /**
     * @param context the extended context, fetched apart; {@code null} when the insight has none
     * @throws IllegalArgumentException naming the field, if the object is not an insight Vigil can hold
     */
    static Insight read(JsonNode issue, String accountId, @Nullable String zoneId, @Nullable String context) {
        String id = text(issue, "id");
        if (id == null || !Insight.isValidId(id)) {
            throw new IllegalArgumentException("id '" + id + "' is not an insight id Vigil can hold");
        }
        return InsightWire.read(new Lenient(issue, context))
                .id(id)
                .accountId(accountId)
                .zoneId(zoneId)
                .build();
    }

    /** Whether upstream says the insight has an extended context to fetch. */
    static boolean hasContext(JsonNode issue) {
        return issue.path("has_extended_context").asBoolean(false);
    }

    private static @Nullable String text(JsonNode issue, String field) {
        JsonNode value = issue.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    /** Upstream's fields, leniently: a value of the wrong type counts as absent. */
    private record Lenient(JsonNode issue, @Nullable String context) implements InsightWire.Fields {
        @Override
        public String required(String field) {
            String value = text(issue, field);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return value;
        }

        @Override
        public @Nullable String optional(String field) {
            return text(issue, field);
        }

        @Override
        public <T> T known(String field, Function<String, Optional<T>> parse) {
            String value = required(field);
            return parse.apply(value)
                    .orElseThrow(() -> new IllegalArgumentException(field + " '" + value + "' is not one Vigil knows"));
        }

        @Override
        public boolean flag(String field) {
            return issue.path(field).asBoolean(false);
        }

        @Override
        public @Nullable String object(String field) {
            return issue.path(field).isObject() ? issue.path(field).toString() : null;
        }

        @Override
        public Instant time(String field) {
            String value = required(field);
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " '" + value + "' is not an RFC 3339 time");
            }
        }

        @Override
        public @Nullable Classification classification(String field) {
            return text(issue, field) == null ? null : known(field, Classification::fromWireName);
        }
    }
}
