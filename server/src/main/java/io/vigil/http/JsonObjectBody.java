package io.vigil.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The one reader of a request body that must be exactly one JSON object: every body parser hands it the
 * member names it takes and reads each member's value. It refuses, with the same messages for every
 * endpoint, an empty body, a body that is not an object, a member that is unknown or appears twice,
 * content after the object, and JSON that does not parse (saying where).
 */
final class JsonObjectBody {
    /** Reads the value of one known member; {@code value} is its first token, {@code json} stands on it. */
    @FunctionalInterface
    interface Member {
        void read(String name, @Nullable JsonToken value, JsonParser json) throws IOException;
    }

    private JsonObjectBody() {}

    /**
     * Reads {@code body}'s members in order, each with {@code member}.
     *
     * @param known the member names the body takes, in the order the messages list them
     */
    static void read(byte[] body, List<String> known, Member member) {
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
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (!known.contains(name)) {
                    throw new InvalidRequestException(
                            ErrorCode.UNKNOWN_FIELD,
                            "unknown field '" + Messages.quote(name) + "'; the body takes " + list(known),
                            pointer(name));
                }
                if (!seen.add(name)) {
                    throw new InvalidRequestException(
                            ErrorCode.MALFORMED_JSON, "field '" + name + "' appears more than once", pointer(name));
                }
                member.read(name, value, json);
            }
            if (json.nextToken() != null) {
                throw malformed("request body has content after the JSON object");
            }
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

    /** What a token is, in words: {@code an array}, {@code null}. */
    static String describe(@Nullable JsonToken token) {
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

    /** {@code 'dismiss'}; {@code 'classification' and 'rationale'}. */
    private static String list(List<String> names) {
        List<String> quoted = names.stream().map(name -> "'" + name + "'").toList();
        return quoted.size() == 1
                ? quoted.get(0)
                : quoted.subList(0, quoted.size() - 1).stream().collect(Collectors.joining(", ")) + " and "
                        + quoted.get(quoted.size() - 1);
    }

    private static InvalidRequestException malformed(String message) {
        return new InvalidRequestException(ErrorCode.MALFORMED_JSON, message, "");
    }
}
