package io.vigil.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The one JSON mapping of the client: records from snake_case members, unknown members ignored, unknown enum values
 * read as {@code UNKNOWN}, and RFC 3339 times as {@link Instant}s (Jackson's java.time module is not a dependency).
 */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .addModule(new SimpleModule("rfc3339").addDeserializer(Instant.class, new InstantReader()))
            .build();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code node} as a {@code type}; a missing or null node is refused, as the route promised a value. */
    static <T> T read(JsonNode node, Class<T> type) {
        return type.cast(readAs(node, MAPPER.constructType(type)));
    }

    /** {@code node}, an array, as a list of {@code type}. */
    @SuppressWarnings("unchecked") // read as a List of type, element by element
    static <T> List<T> readList(JsonNode node, Class<T> type) {
        return (List<T>) readAs(node, MAPPER.getTypeFactory().constructCollectionType(List.class, type));
    }

    private static Object readAs(JsonNode node, JavaType type) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new IllegalStateException("the answer has no result to read as " + type.getGenericSignature());
        }
        try {
            Object value = MAPPER.treeToValue(node, type);
            if (value == null) {
                throw new IllegalStateException("the answer's result reads as null: " + type);
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("the answer's result is not a " + type + ": " + e.getMessage(), e);
        }
    }

    /** RFC 3339 with any offset ({@code Z}, {@code +02:00}), as {@code OffsetDateTime} reads it. */
    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 time");
            }
        }
    }
}
