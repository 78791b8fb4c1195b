package io.vigil.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * {@code GET /client/v4/openapi.json}: Vigil's own OpenAPI document, every route below {@code /client/v4}
 * (Cloudflare's Insights operations, the directory and token routes, Vigil's extensions). Public, like the
 * document it describes; read from the jar once. Thread-safe.
 */
final class OpenApiDocument {
    /** Where the document lives on the class path. */
    static final String RESOURCE = "/io/vigil/http/openapi.json";

    private final ApiResponse document;

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document missing from the jar: " + RESOURCE);
            }
            document = ApiResponse.ok(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApiResponse serve(ApiRequest request) {
        request.query(Set.of());
        return document;
    }
}
