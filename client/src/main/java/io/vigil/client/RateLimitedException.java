package io.vigil.client;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * HTTP 429: the credential spent its request budget, or (on {@code POST …/scans}) the account its scan quota; code
 * 971 on Cloudflare and Vigil. Nothing was done.
 */
public final class RateLimitedException extends CloudflareApiException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // Duration is Serializable; the field's type is not declared so
    private final @Nullable Duration retryAfter;

    RateLimitedException(Failure failure) {
        super(failure);
        this.retryAfter = failure.retryAfter();
    }

    /** How long the server asked to wait ({@code retry-after-ms} or {@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
