package io.vigil.client;

import org.jspecify.annotations.Nullable;

/**
 * The root of every failure this client throws: an error answer ({@link CloudflareApiException}) or none at all
 * ({@link ApiConnectionException}). Unchecked, as the SDKs' errors are.
 */
public abstract class CloudflareException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CloudflareException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
