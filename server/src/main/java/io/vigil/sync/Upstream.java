package io.vigil.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.job.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A Cloudflare-compatible v4 API, called with manners: every attempt counts against the run's budget; a 429,
 * a 5xx, a timeout or a broken connection is retried after what the server asked for ({@code Retry-After}) or
 * an exponential, jittered backoff, as {@code x-should-retry} allows; and when {@code Ratelimit} says the window
 * is used up, the next request waits for it to reset. The token goes only into the {@code Authorization} header.
 * One caller at a time.
 */
public final class Upstream {
    /** Cloudflare's own API. */
    public static final URI CLOUDFLARE = URI.create("https://api.cloudflare.com/client/v4");

    /** Attempts of one request before the sync gives up on it. */
    static final int MAX_ATTEMPTS = 8;

    /** The waits between attempts when the upstream says nothing: from 250 ms, doubling up to 30 s. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;
    private final int maxRequests;
    private final InstantSource clock;
    private final RandomGenerator random;
    private int used;
    private @Nullable Instant notBefore;

    /**
     * @param base the API's root, such as {@link #CLOUDFLARE}
     * @param maxRequests the most attempts this run may make ({@link Integer#MAX_VALUE}: no budget)
     * @param timeout the longest one attempt may take, answer body included
     */
    public Upstream(
            URI base,
            String token,
            int maxRequests,
            Duration timeout,
            HttpClient http,
            InstantSource clock,
            RandomGenerator random) {
        this.base = base.toString().replaceAll("/+$", "");
        this.token = token;
        this.maxRequests = maxRequests;
        this.timeout = timeout;
        this.http = http;
        this.clock = clock;
        this.random = random;
    }

    /** What names this upstream in Vigil's records (its push cursor): the API's root. */
    String key() {
        return base;
    }

    /** The requests made so far, retries included. */
    public int requestsUsed() {
        return used;
    }

    /** {@code GET} of {@code path} (with its query), answering the envelope's {@code result} and {@code result_info}. */
    JsonNode get(String path) {
        return call("GET", path, null);
    }

    /** A write with a JSON body, answering the envelope. */
    JsonNode send(String method, String path, String body) {
        return call(method, path, body);
    }

    private JsonNode call(String method, String path, @Nullable String body) {
        for (int attempt = 1; ; attempt++) {
            pace();
            if (used >= maxRequests) {
                throw new SyncException.BudgetExhausted(maxRequests);
            }
            used++;
            HttpResponse<byte[]> response;
            try {
                response = exchange(method, path, body);
            } catch (IOException | TimeoutException e) {
                retryOrFail(
                        attempt, method, path, "no answer (" + e.getClass().getSimpleName() + ")", Optional.empty());
                continue;
            }
            OptionalLong window = RetryAdvice.exhaustedWindow(response.headers());
            if (window.isPresent()) {
                notBefore = clock.instant().plusSeconds(window.getAsLong());
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return parse(response.body(), method, path);
            }
            if (!RetryAdvice.retryable(status, response.headers())) {
                String why = method + " " + path + ": HTTP " + status + errorOf(response.body());
                throw status / 100 == 4 && status != 401 && status != 403
                        ? new SyncException.Refused(why, status)
                        : new SyncException(why, status);
            }
            retryOrFail(
                    attempt,
                    method,
                    path,
                    "HTTP " + status + errorOf(response.body()),
                    RetryAdvice.retryAfter(response.headers(), clock.instant()));
        }
    }

    private HttpResponse<byte[]> exchange(String method, String path, @Nullable String body)
            throws IOException, TimeoutException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        CompletableFuture<HttpResponse<byte[]>> answer =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS); // the body too: a stalled body times out
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("interrupted", e);
        }
    }

    private void retryOrFail(int attempt, String method, String path, String why, Optional<Duration> asked) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new SyncException(method + " " + path + ": " + why + " after " + attempt + " attempts");
        }
        Duration wait = asked.orElseGet(() -> BACKOFF.delay(attempt, random));
        if (wait.compareTo(RetryAdvice.LONGEST_ASKED) > 0) {
            throw new SyncException(method + " " + path + ": " + why + ", and asked to wait " + wait.toSeconds()
                    + " s; run again later");
        }
        Instant at = clock.instant().plus(wait);
        if (notBefore == null || at.isAfter(notBefore)) {
            notBefore = at;
        }
    }

    /** Waits until {@link #notBefore}, if set. */
    private void pace() {
        Instant until = notBefore;
        if (until == null) {
            return;
        }
        notBefore = null;
        long millis = Duration.between(clock.instant(), until).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("interrupted", e);
            }
        }
    }

    private static JsonNode parse(byte[] body, String method, String path) {
        try {
            JsonNode envelope = JSON.readTree(body);
            if (envelope == null || !envelope.path("success").asBoolean(false)) {
                throw new SyncException(method + " " + path + ": the answer is not a successful v4 envelope");
            }
            return envelope;
        } catch (IOException e) {
            throw new SyncException(method + " " + path + ": the answer is not JSON", e);
        }
    }

    /** {@code : message} of the envelope's first error, if the body is one. */
    private static String errorOf(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).path("errors").path(0);
            return error.has("message") ? ": " + error.path("message").asText() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
