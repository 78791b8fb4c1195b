package io.vigil.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One member of an error answer's {@code errors[]}.
 *
 * @param code Cloudflare's (or Vigil's) error code, e.g. {@code 1004}
 * @param source where in the request body the error is, when it is about the body
 * @param errorChain finer reasons, as Cloudflare sends them under {@code 6003 Invalid request headers}
 */
public record ApiError(
        int code,
        String message,
        @Nullable String documentationUrl,
        @Nullable Source source,
        List<ApiError> errorChain) {
    /** Copies {@code errorChain}; an absent one is empty. */
    public ApiError {
        errorChain = errorChain == null ? List.of() : List.copyOf(errorChain);
    }

    /** The RFC 6901 pointer into the request body ({@code /rationale}, {@code ""} for the whole), if any. */
    public @Nullable String pointer() {
        return source == null ? null : source.pointer();
    }

    /** Where an error is in the request body. */
    public record Source(@Nullable String pointer) {}

    @Override
    public String toString() {
        return code + " " + message + (pointer() == null ? "" : " (at " + pointer() + ")");
    }
}
