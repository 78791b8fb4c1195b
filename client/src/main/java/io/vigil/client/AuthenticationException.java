package io.vigil.client;

/** HTTP 401: no credential, or one the server does not know (code 9106, 9109 or 9103). */
public final class AuthenticationException extends CloudflareApiException {
    private static final long serialVersionUID = 1L;

    AuthenticationException(Failure failure) {
        super(failure);
    }
}
