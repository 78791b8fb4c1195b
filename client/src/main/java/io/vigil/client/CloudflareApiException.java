package io.vigil.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An error answer: its HTTP status and the envelope's {@code errors[]}. A status with no subtype of its own (405,
 * 413, 415, …) is thrown as this class; the others as the subtype named after it, as the official SDKs do.
 */
public class CloudflareApiException extends CloudflareException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<ApiError> errors;
    private final @Nullable String rayId;

    CloudflareApiException(Failure failure) {
        super(failure.describe(), null);
        this.status = failure.status();
        this.errors = failure.errors();
        this.rayId = failure.rayId();
    }

    /** The answer's HTTP status. */
    public int status() {
        return status;
    }

    /** The envelope's {@code errors[]}, in order; empty when the body was not an envelope. */
    public List<ApiError> errors() {
        return errors;
    }

    /** The first error's code, or 0 when there is none. */
    public int code() {
        return errors.isEmpty() ? 0 : errors.get(0).code();
    }

    /** The request id ({@code cf-ray}) to quote when reporting the failure, when the server sent one. */
    public Optional<String> rayId() {
        return Optional.ofNullable(rayId);
    }

    /** The exception for {@code failure}'s status. */
    static CloudflareApiException of(Failure failure) {
        int status = failure.status();
        return switch (status) {
            case 400 -> new BadRequestException(failure);
            case 401 -> new AuthenticationException(failure);
            case 403 -> new PermissionDeniedException(failure);
            case 404 -> new NotFoundException(failure);
            case 409 -> new ConflictException(failure);
            case 422 -> new UnprocessableEntityException(failure);
            case 429 -> new RateLimitedException(failure);
            default -> status >= 500 ? new InternalServerException(failure) : new CloudflareApiException(failure);
        };
    }

    /** What an error answer said: the request it answered, its status, errors, request id and retry advice. */
    record Failure(
            String request,
            int status,
            List<ApiError> errors,
            @Nullable String rayId,
            @Nullable Duration retryAfter) {
        Failure {
            errors = List.copyOf(errors);
        }

        String describe() {
            String said = errors.isEmpty()
                    ? "no error in the body"
                    : errors.stream().map(ApiError::toString).collect(Collectors.joining("; "));
            return request + ": HTTP " + status + ": " + said;
        }
    }
}
