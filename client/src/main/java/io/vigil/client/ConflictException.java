package io.vigil.client;

/** HTTP 409: the request conflicts with the resource's state, e.g. a direct change between two classifications (code 1200). */
public final class ConflictException extends CloudflareApiException {
    private static final long serialVersionUID = 1L;

    ConflictException(Failure failure) {
        super(failure);
    }
}
