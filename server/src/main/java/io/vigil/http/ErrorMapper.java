package io.vigil.http;

import io.vigil.error.ApiException;
import io.vigil.error.ErrorCode;
import io.vigil.error.RateLimitedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP responses. An {@link ApiException} is rendered as it says; any
 * other exception is a bug, logged with the request id and answered with a generic 500 that names no
 * internals.
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    static ApiResponse render(Throwable failure, String requestId) {
        ApiException e = failure instanceof ApiException api ? api : internal(failure, requestId);
        Map<String, String> headers = new LinkedHashMap<>();
        if (!e.code().retryable()) {
            headers.put("x-should-retry", "false"); // the official SDKs otherwise retry 409 and 5xx
        }
        if (e.code() == ErrorCode.BODY_TOO_LARGE) {
            // The rest of the body stays unread, so this connection cannot carry another request: say so,
            // or a client reusing it would see the server hang up.
            headers.put("Connection", "close");
        }
        if (e.code().status() == 503) {
            headers.put("Retry-After", "1");
        }
        if (e.code() == ErrorCode.METHOD_NOT_ALLOWED && e instanceof MethodNotAllowedException notAllowed) {
            headers.put("Allow", notAllowed.allow());
        }
        if (e instanceof RateLimitedException limited) {
            headers.putAll(limited.headers());
        }
        if (e.code().status() >= 500) {
            LOG.warn("request {} failed: {}", requestId, e.getMessage(), e.getCause());
        }
        return new ApiResponse(e.code().status(), Envelope.error(e), headers);
    }

    private static ApiException internal(Throwable failure, String requestId) {
        LOG.error("request {} failed with an unexpected error", requestId, failure);
        return new UnexpectedFailure("internal error; quote request id " + requestId + " when reporting it");
    }

    /** The generic 500: the only {@link ApiException} not thrown by a handler. */
    private static final class UnexpectedFailure extends ApiException {
        private static final long serialVersionUID = 1L;

        UnexpectedFailure(String message) {
            super(ErrorCode.INTERNAL_ERROR, message);
        }
    }
}
