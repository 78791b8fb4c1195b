package io.vigil.http;

import com.fasterxml.jackson.core.JsonParser;
import io.vigil.error.InvalidRequestException;
import io.vigil.text.StrictJson;

/**
 * Opens the strict parser on a request body, with the server's pooled parser buffers. Every endpoint that
 * takes a body reads it here, so every string in it is held to {@link io.vigil.text.Unicode} (issue 21).
 */
final class JsonBody {
    private JsonBody() {}

    /**
     * A parser over {@code body} that refuses strings that are not well-formed Unicode.
     *
     * @throws InvalidRequestException if the body is not UTF-8
     */
    static JsonParser parser(byte[] body) {
        return StrictJson.parser(Envelope.JSON, body, 0, body.length, "request body");
    }
}
