package io.vigil.error;

import java.util.List;
import java.util.Map;

/** The caller used up its request budget; the headers say when to come back. */
public final class RateLimitedException extends ApiException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an immutable Map.copyOf; never serialised in practice
    private final Map<String, String> headers;

    public RateLimitedException(String message, Map<String, String> headers) {
        super(ErrorCode.RATE_LIMITED, message, null, List.of(), null);
        this.headers = Map.copyOf(headers);
    }

    /** {@code retry-after} and Cloudflare's rate-limit headers, to send with the 429. */
    public Map<String, String> headers() {
        return headers;
    }
}
