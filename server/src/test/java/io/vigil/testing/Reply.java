package io.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Optional;

/** An HTTP response from the server under test, with its body parsed as JSON. */
public record Reply(int status, String body, HttpResponse<String> raw) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Reply of(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.body(), response);
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("response body is not JSON: " + body, e);
        }
    }

    public Optional<String> header(String name) {
        return raw.headers().firstValue(name);
    }
}
