package io.vigil.error;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Vigil could not do the work right now; nothing was changed and a retry may succeed. */
public final class UnavailableException extends ApiException {
    private static final long serialVersionUID = 1L;
    private static final Set<Integer> STATUSES = Set.of(503);

    public UnavailableException(ErrorCode code, String message, @Nullable Throwable cause) {
        super(require(code, STATUSES), message, null, List.of(), cause);
    }
}
