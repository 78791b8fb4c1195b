package io.vigil.http.conformance;

import org.jspecify.annotations.Nullable;

/**
 * One way an answer breaks its OpenAPI document.
 *
 * @param pointer where in the body (a JSON Pointer; {@code ""} is the whole body)
 * @param keyword the schema keyword that failed ({@code type}, {@code minimum}, …), or what else failed
 *     ({@code status}, {@code content-type}, {@code json})
 * @param value the offending JSON value, as JSON text; {@code null} when the failure is not about a value
 */
record Violation(
        String pointer,
        String keyword,
        String message,
        @Nullable String value) {
    static Violation of(String pointer, String keyword, String message) {
        return new Violation(pointer, keyword, message, null);
    }

    static Violation of(com.networknt.schema.Error error) {
        String pointer = error.getInstanceLocation().toString();
        String keyword = error.getKeyword() == null ? "schema" : error.getKeyword();
        String message =
                error.getMessage() + " (schema #" + error.getSchemaLocation().getFragment() + ")";
        return new Violation(
                pointer,
                keyword,
                message,
                error.getInstanceNode() == null ? null : error.getInstanceNode().toString());
    }
}
