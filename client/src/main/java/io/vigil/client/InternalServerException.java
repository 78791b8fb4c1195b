package io.vigil.client;

/** HTTP 5xx: the server failed (any 5xx); Vigil's 503s (codes 1501, 1502) changed nothing and may be retried. */
public final class InternalServerException extends CloudflareApiException {
    private static final long serialVersionUID = 1L;

    InternalServerException(Failure failure) {
        super(failure);
    }
}
