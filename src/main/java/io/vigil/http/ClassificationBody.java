package io.vigil.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses the body of {@code PATCH …/classification}: exactly one JSON object with a required
 * {@code classification} (string or null) and an optional {@code rationale} (string or null). Every
 * other input is refused with a 400 naming the field; nothing else is accepted.
 */
final class ClassificationBody {
    private static final String VALUES = "'false_positive', 'accept_risk', 'other' or null";

    private ClassificationBody() {}

    static ClassificationRequest parse(byte[] body) {
        if (body.length == 0) {
            throw malformed("request body is empty; expected a JSON object");
        }
        try (JsonParser json = JsonBody.parser(body)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidRequestException(
                        ErrorCode.INVALID_FIELD, "request body must be a JSON object, not " + describe(first), "");
            }
            Set<String> seen = new HashSet<>();
            boolean hasClassification = false;
            Classification classification = null;
            String rationale = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (!seen.add(name)) {
                    throw new InvalidRequestException(
                            ErrorCode.MALFORMED_JSON, "field '" + name + "' appears more than once", pointer(name));
                }
                switch (name) {
                    case "classification" -> {
                        hasClassification = true;
                        classification = classification(json, value);
                    }
                    case "rationale" -> rationale = rationale(json, value);
                    default ->
                        throw new InvalidRequestException(
                                ErrorCode.UNKNOWN_FIELD,
                                "unknown field '" + Messages.quote(name)
                                        + "'; the body takes 'classification' and 'rationale'",
                                pointer(name));
                }
            }
            if (json.nextToken() != null) {
                throw malformed("request body has content after the JSON object");
            }
            if (!hasClassification) {
                throw new InvalidRequestException(
                        ErrorCode.MISSING_FIELD,
                        "classification is required: one of 'false_positive', 'accept_risk', 'other', or null to reset",
                        "/classification");
            }
            return new ClassificationRequest(classification, rationale);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw malformed(
                    at == null
                            ? "request body is not valid JSON"
                            : "request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr()
                                    + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static @Nullable Classification classification(JsonParser json, @Nullable JsonToken value)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "classification must be " + VALUES + ", not " + describe(value),
                    "/classification");
        }
        String text = json.getText();
        return Classification.fromWireName(text)
                .orElseThrow(() -> new InvalidRequestException(
                        ErrorCode.INVALID_FIELD,
                        "classification must be " + VALUES + "; got '" + Messages.quote(text) + "'",
                        "/classification"));
    }

    private static @Nullable String rationale(JsonParser json, @Nullable JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "rationale must be a string or null, not " + describe(value),
                    "/rationale");
        }
        return json.getText();
    }

    private static String describe(@Nullable JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "unexpected JSON";
        };
    }

    /** RFC 6901: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}. */
    static String pointer(String field) {
        return "/" + field.replace("~", "~0").replace("/", "~1");
    }

    private static InvalidRequestException malformed(String message) {
        return new InvalidRequestException(ErrorCode.MALFORMED_JSON, message, "");
    }
}
