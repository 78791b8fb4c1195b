package io.vigil.client;

/** HTTP 400: the request was refused as malformed or invalid (a body field, a query parameter, a header). */
public final class BadRequestException extends CloudflareApiException {
    private static final long serialVersionUID = 1L;

    BadRequestException(Failure failure) {
        super(failure);
    }
}
