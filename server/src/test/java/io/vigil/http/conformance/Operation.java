package io.vigil.http.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One operation of an OpenAPI document: an HTTP method on a path template such as
 * {@code /zones/{zone_id}/security-center/insights}.
 *
 * @param pointer where the operation object is in the document (a JSON Pointer)
 * @param node the operation object
 */
record Operation(String method, String template, String pointer, JsonNode node) {
    /** The response keys the document gives, e.g. {@code 200} and {@code 4XX}. */
    List<String> responseKeys() {
        List<String> keys = new ArrayList<>();
        node.path("responses").fieldNames().forEachRemaining(keys::add);
        return List.copyOf(keys);
    }

    /** Whether the concrete path, split at {@code /}, fits the template. */
    boolean matches(String[] segments) {
        String[] pattern = template.split("/", -1);
        if (pattern.length != segments.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            boolean parameter = pattern[i].startsWith("{") && pattern[i].endsWith("}");
            if (parameter ? segments[i].isEmpty() : !pattern[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    /** How many segments of the template are literal: the more, the more specific. */
    int literalSegments() {
        int literal = 0;
        for (String segment : template.split("/", -1)) {
            literal += segment.startsWith("{") ? 0 : 1;
        }
        return literal;
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
