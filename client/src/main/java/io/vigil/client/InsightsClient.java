package io.vigil.client;

import io.vigil.client.vigil.Vigil;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A client of Cloudflare's Security Center Insights API, for {@code api.cloudflare.com} or a Vigil server.
 *
 * <pre>{@code
 * InsightsClient cf = InsightsClient.builder()
 *         .baseUrl(URI.create("http://127.0.0.1:8642/client/v4"))
 *         .apiToken(token)
 *         .build();
 * cf.zone(zoneId).insights().dismiss(issueId, true);
 * }</pre>
 *
 * <p><b>Retries.</b> As Cloudflare's official SDKs do: a failed attempt is tried again up to {@link
 * Builder#maxRetries} times (2 by default) when the server says {@code x-should-retry: true}, or else when it
 * answered 408, 409, 429 or 5xx, or when there was no answer (a broken or refused connection, a timeout); {@code
 * x-should-retry: false} stops it. The wait is what the server asked ({@code retry-after-ms}, else {@code
 * Retry-After} in seconds or as an HTTP date) when that is under a minute, else 0.5 s doubling per retry up to 8 s,
 * each less up to a quarter at random. So a call takes at most {@code maxRetries + 1} attempts and waits at most
 * {@code maxRetries} minutes between them.
 *
 * <p><b>Only what is safe to repeat is retried</b>, because an attempt that failed may still have been applied:
 * every {@code GET}; {@code PUT …/dismiss} (idempotent); {@code PATCH …/classification} (Vigil answers a value the
 * insight already has with 200 and records nothing, so a repeat after a lost answer succeeds without a second
 * entry; Cloudflare's documented semantics are the same); a webhook's pause and resume; a bulk change's dry run.
 * Never a scan's start (a repeat would start, and count against the quota, a second scan), an applied bulk change
 * (a repeat would answer "unchanged" for what the first changed), nor a webhook's creation, replay, secret rotation
 * or deletion; neither API offers an idempotency key that would make them safe. Those fail at once with the first
 * error: a {@link RateLimitedException} carries the wait asked for, and a Vigil 429 or 503 means nothing was done.
 *
 * <p>Thread-safe; one client is meant to be shared. {@link #close()} releases the HTTP client it made (not one given
 * to {@link Builder#httpClient}).
 */
public final class InsightsClient implements AutoCloseable {
    /** Cloudflare's API. */
    public static final URI CLOUDFLARE = URI.create("https://api.cloudflare.com/client/v4");

    private final Http http;

    private InsightsClient(Http http) {
        this.http = http;
    }

    /** A builder with Cloudflare's base URL, two retries and a one-minute timeout, and no credentials yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** Cloudflare's Insights operations on one account. */
    public Account account(String accountId) {
        return new Account(http, Objects.requireNonNull(accountId, "accountId == null"));
    }

    /** Cloudflare's Insights operations on one zone. */
    public Zone zone(String zoneId) {
        return new Zone(http, Objects.requireNonNull(zoneId, "zoneId == null"));
    }

    /**
     * Checks the API token this client sends ({@code GET /user/tokens/verify}): its id and status. A token that
     * matches nothing is an {@link AuthenticationException}; global API keys cannot be verified this way.
     */
    public TokenStatus verifyToken() {
        return Json.read(http.result(Call.get("/user/tokens/verify")), TokenStatus.class);
    }

    /** Vigil's extensions (below {@code /client/v4/vigil}): only a Vigil server answers them. */
    public Vigil vigil() {
        return new HttpVigil(http);
    }

    /** Releases the HTTP client this client made; a given one is left to its owner. */
    @Override
    public void close() {
        http.close();
    }

    /** Builds an {@link InsightsClient}. Not thread-safe. */
    public static final class Builder {
        private URI baseUrl = CLOUDFLARE;
        private @Nullable Credentials credentials;
        private int maxRetries = Retries.DEFAULT_MAX_RETRIES;
        private Duration timeout = Duration.ofMinutes(1);
        private @Nullable HttpClient httpClient;

        private Builder() {}

        /** The API's root, up to and including {@code /client/v4} (default: Cloudflare's). */
        public Builder baseUrl(URI url) {
            Objects.requireNonNull(url, "url == null");
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("baseUrl must be http or https; got " + url);
            }
            this.baseUrl = url;
            return this;
        }

        /** Authenticate with an API token ({@code Authorization: Bearer}), the preferred scheme. */
        public Builder apiToken(String token) {
            this.credentials = new Credentials.Token(token);
            return this;
        }

        /** Authenticate with an email and a global API key ({@code X-Auth-Email}, {@code X-Auth-Key}). */
        public Builder apiKey(String email, String globalApiKey) {
            this.credentials = new Credentials.GlobalKey(email, globalApiKey);
            return this;
        }

        /** How many times a failed attempt is tried again, when it may be (default 2; 0 turns retries off). */
        public Builder maxRetries(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative; got " + value);
            }
            this.maxRetries = value;
            return this;
        }

        /** How long one attempt may wait for its whole answer (default one minute). */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "value == null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive; got " + value);
            }
            this.timeout = value;
            return this;
        }

        /** The HTTP client to send with (its proxy, TLS, executor); it is not closed with this client. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "client == null");
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalStateException when neither {@link #apiToken} nor {@link #apiKey} was given
         */
        public InsightsClient build() {
            Credentials given = credentials;
            if (given == null) {
                throw new IllegalStateException("no credentials: call apiToken(token) or apiKey(email, globalApiKey)");
            }
            HttpClient client = httpClient;
            boolean owns = client == null;
            if (client == null) {
                client = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
            }
            return new InsightsClient(new Http(client, owns, baseUrl, given, maxRetries, timeout));
        }
    }
}
