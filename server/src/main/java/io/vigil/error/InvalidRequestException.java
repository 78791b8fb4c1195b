package io.vigil.error;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A request that can never succeed as sent: bad body, headers, path or content type. */
public final class InvalidRequestException extends ApiException {
    private static final long serialVersionUID = 1L;
    private static final Set<Integer> STATUSES = Set.of(400, 405, 413, 414, 415, 431);

    public InvalidRequestException(ErrorCode code, String message) {
        this(code, message, (String) null);
    }

    public InvalidRequestException(ErrorCode code, String message, @Nullable String pointer) {
        super(require(code, STATUSES), message, pointer, List.of(), null);
    }

    public InvalidRequestException(ErrorCode code, String message, List<Detail> chain) {
        super(require(code, STATUSES), message, null, chain, null);
    }
}
