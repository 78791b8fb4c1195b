package io.vigil.client;

/** HTTP 404: no such route, insight, or extended context in the account or zone. */
public final class NotFoundException extends CloudflareApiException {
    private static final long serialVersionUID = 1L;

    NotFoundException(Failure failure) {
        super(failure);
    }
}
