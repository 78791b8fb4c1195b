package io.vigil.http.conformance;

import io.vigil.http.ApiRequest;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
        if (body != null && body.length() > ApiRequest.MAX_BODY_BYTES) {
            return sendAlone();
        }
        return server.send(method, path, body, headers.toArray(String[]::new));
    }

    /**
     * Sends on a connection of its own. When the server answers before reading a body this large (with
     * 404 7000, 401, 403, …), it closes the connection without saying {@code Connection: close}, so the
     * shared client's next request on that connection would fail now and then.
     */
    private Reply sendAlone() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return Reply.of(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
