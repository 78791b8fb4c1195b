package io.vigil.http;

import io.vigil.error.ApiException;
import io.vigil.error.ErrorCode;

/** The path names a route, but not for this method; {@link #allow()} lists the methods it has. */
final class MethodNotAllowedException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final String allow;

    MethodNotAllowedException(String method, String allow) {
        super(
                ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + Messages.quote(method) + " not allowed; this route takes " + allow);
        this.allow = allow;
    }

    /** The value of the {@code Allow} header. */
    String allow() {
        return allow;
    }
}
