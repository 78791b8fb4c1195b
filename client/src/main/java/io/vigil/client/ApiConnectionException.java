package io.vigil.client;

import org.jspecify.annotations.Nullable;

/**
 * No answer: the connection could not be made, broke, or the thread was interrupted while waiting. Whether the
 * server acted on the request is unknown.
 */
public class ApiConnectionException extends CloudflareException {
    private static final long serialVersionUID = 1L;

    ApiConnectionException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
