package io.vigil.client;

/** HTTP 422: the request was understood but cannot be processed. */
public final class UnprocessableEntityException extends CloudflareApiException {
    private static final long serialVersionUID = 1L;

    UnprocessableEntityException(Failure failure) {
        super(failure);
    }
}
