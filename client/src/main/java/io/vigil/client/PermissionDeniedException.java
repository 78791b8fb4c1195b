package io.vigil.client;

/** HTTP 403: the credential is valid but has no permission on the account or zone (code 10000). */
public final class PermissionDeniedException extends CloudflareApiException {
    private static final long serialVersionUID = 1L;

    PermissionDeniedException(Failure failure) {
        super(failure);
    }
}
