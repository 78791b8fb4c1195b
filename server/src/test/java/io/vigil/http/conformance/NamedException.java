package io.vigil.http.conformance;

/**
 * A place where Cloudflare's real API contradicts its own schema and Vigil keeps the real behaviour. Each
 * covers as little as it can: one keyword, at one place, on the answers it is about. An exception that
 * no answer needs any more fails the suite, so that it is removed.
 */
enum NamedException {
    /** docs/errors.md: Cloudflare answers a spent rate limit with 429 and code 971. */
    RATE_LIMIT_CODE_971("Cloudflare's real 429 carries error code 971, below the schema's code minimum of 1000") {
        @Override
        boolean covers(int status, Violation violation) {
            return status == 429
                    && violation.keyword().equals("minimum")
                    && violation.pointer().matches("/errors/\\d+/code")
                    && "971".equals(violation.value());
        }
    };

    private final String reason;

    NamedException(String reason) {
        this.reason = reason;
    }

    /** Why Vigil keeps this behaviour, in one line. */
    String reason() {
        return reason;
    }

    /** Whether this exception excuses {@code violation} in an answer with {@code status}. */
    abstract boolean covers(int status, Violation violation);
}
