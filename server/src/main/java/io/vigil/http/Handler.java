package io.vigil.http;

/** Answers one route. Handlers parse, call one operation, and render; failures are thrown. */
@FunctionalInterface
public interface Handler {
    ApiResponse handle(ApiRequest request);
}
