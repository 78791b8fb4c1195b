package io.vigil.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Sends {@link Call}s: builds the request (base URL, credentials, JSON), retries what {@link Call#repeatable()}
 * allows as {@link Retries} say, and turns the answer into its envelope or a {@link CloudflareException}. Safe for
 * use by several threads at once, as {@link HttpClient} is.
 */
final class Http implements AutoCloseable {
    private static final String USER_AGENT = "vigil-client/0.1 (java.net.http)";

    private final HttpClient client;
    private final boolean ownsClient;
    private final String base;
    private final Credentials credentials;
    private final int maxRetries;
    private final Duration timeout;

    Http(HttpClient client, boolean ownsClient, URI base, Credentials credentials, int maxRetries, Duration timeout) {
        this.client = client;
        this.ownsClient = ownsClient;
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.credentials = credentials;
        this.maxRetries = maxRetries;
        this.timeout = timeout;
    }

    /** The envelope's {@code result} of a successful answer to {@code call}. */
    JsonNode result(Call call) {
        return send(call).path("result");
    }

    /** The envelope of a successful answer to {@code call}, after as many attempts as the retry rules allow. */
    JsonNode send(Call call) {
        HttpRequest request = request(call);
        for (int retriesDone = 0; ; retriesDone++) {
            boolean mayRetry = call.repeatable() && retriesDone < maxRetries;
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                if (!mayRetry) {
                    throw new ApiTimeoutException(call.describe() + ": no answer within " + timeout, e);
                }
                pause(call, Retries.delay(null, retriesDone, ThreadLocalRandom.current()::nextDouble));
                continue;
            } catch (IOException e) {
                if (!mayRetry) {
                    throw new ApiConnectionException(call.describe() + ": " + e, e);
                }
                pause(call, Retries.delay(null, retriesDone, ThreadLocalRandom.current()::nextDouble));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiConnectionException(call.describe() + ": interrupted while waiting for the answer", e);
            }
            int status = response.statusCode();
            JsonNode envelope = envelope(response.body());
            if (status >= 200
                    && status < 300
                    && envelope != null
                    && envelope.path("success").asBoolean(false)) {
                return envelope;
            }
            Duration asked = Retries.asked(response.headers(), Instant.now());
            if (mayRetry && Retries.shouldRetry(status, response.headers())) {
                pause(call, Retries.delay(asked, retriesDone, ThreadLocalRandom.current()::nextDouble));
                continue;
            }
            throw CloudflareApiException.of(new CloudflareApiException.Failure(
                    call.describe(),
                    status,
                    errors(envelope),
                    response.headers().firstValue("cf-ray").orElse(null),
                    asked));
        }
    }

    private HttpRequest request(Call call) {
        String uri = base
                + call.path()
                + (call.query().isEmpty() ? "" : "?" + call.query().encoded());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        credentials.apply(request);
        JsonNode body = call.body();
        if (body == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .method(
                                call.method(),
                                HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the body of " + call.describe(), e);
            }
        }
        return request.build();
    }

    private static void pause(Call call, Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException(call.describe() + ": interrupted while waiting to retry", e);
        }
    }

    /** The body as JSON, or {@code null} when it is none (an HTML page from a proxy, an empty body). */
    private static @Nullable JsonNode envelope(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<ApiError> errors(@Nullable JsonNode envelope) {
        List<ApiError> errors = new ArrayList<>();
        if (envelope != null && envelope.path("errors").isArray()) {
            for (JsonNode error : envelope.path("errors")) {
                try {
                    errors.add(Json.MAPPER.treeToValue(error, ApiError.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    errors.add(new ApiError(0, error.toString(), null, null, List.of()));
                }
            }
        }
        return errors;
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
