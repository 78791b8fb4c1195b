package io.vigil.error;

import java.util.List;
import java.util.Set;

/** The request contradicts the resource's current state. */
public final class ConflictException extends ApiException {
    private static final long serialVersionUID = 1L;
    private static final Set<Integer> STATUSES = Set.of(409);

    public ConflictException(ErrorCode code, String message) {
        super(require(code, STATUSES), message, null, List.of(), null);
    }
}
