package io.vigil.error;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The root of every failure that reaches an API client: a Cloudflare error code, a message written as
 * API (tests assert it verbatim), and, for body fields, an RFC 6901 pointer.
 *
 * <p>The HTTP layer renders these in one place; nothing else builds error JSON.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final @Nullable String pointer;
    private final List<Detail> chain;

    /** One entry of Cloudflare's {@code error_chain}: a finer reason under the top-level code. */
    public record Detail(ErrorCode code, String message) {
        public Detail {
            Objects.requireNonNull(code, "code == null");
            Objects.requireNonNull(message, "message == null");
        }
    }

    /** For failures the HTTP layer raises itself (routing, internal errors). */
    protected ApiException(ErrorCode code, String message) {
        this(code, message, null, List.of(), null);
    }

    ApiException(
            ErrorCode code, String message, @Nullable String pointer, List<Detail> chain, @Nullable Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code == null");
        this.pointer = pointer;
        this.chain = List.copyOf(chain);
    }

    /** Checks that a subtype is only ever thrown with codes of its HTTP status family. */
    static ErrorCode require(ErrorCode code, Set<Integer> statuses) {
        if (!statuses.contains(code.status())) {
            throw new IllegalArgumentException(code + " has status " + code.status() + ", expected one of " + statuses);
        }
        return code;
    }

    public final ErrorCode code() {
        return code;
    }

    /** The JSON pointer into the request body this error is about, if any. */
    public final @Nullable String pointer() {
        return pointer;
    }

    /** Finer reasons, rendered as {@code error_chain}. */
    public final List<Detail> chain() {
        return chain;
    }
}
