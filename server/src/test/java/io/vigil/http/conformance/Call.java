package io.vigil.http.conformance;

import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One request of the exercise plan and the answer it must get.
 *
 * @param path below {@code /client/v4}, with its query
 * @param headers alternating name, value
 * @param status the expected HTTP status
 * @param code the expected {@code errors[0].code}, or 0 for a success
 */
record Call(
        TestServer server,
        String method,
        String path,
        @Nullable String body,
        List<String> headers,
        int status,
        int code) {
    Reply send() {
        return server.send(method, path, body, headers.toArray(String[]::new));
    }

    /** {@code 409 1200}, or {@code 200}. */
    String expected() {
        return code == 0 ? String.valueOf(status) : status + " " + code;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
